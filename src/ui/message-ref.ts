import type { AnyEventSpec, AnyMessageSpec } from '../shared/messages/define';

/**
 * A message or event spec as a page needs it: only its `type`, typed as the whole spec so `askWorker` still
 * checks the payload and the answer. Pages import the specs with `import type`, so the valibot
 * schemas (only the worker parses) stay out of the popup's bundle; the type argument makes a
 * misspelt type string a compile error.
 */
export const messageRef = <S extends AnyMessageSpec | AnyEventSpec>(type: S['type']): S => ({ type }) as S;
