/**
 * The fake "Git Personal Access Token" page (§5: `/2.0/user-settings`, formerly
 * `/2.0/git-personal-access-token`): one row per runtime with the signed-in user's masked token
 * and "+Add Token" / "Delete Token", which call the runtime's app-proxy from the page with the
 * session in `x-access-token` (§2 CORS allows that header for the platform origin).
 *
 * The columns are the docs' screenshot's, **Name | Token** (§5). The real markup is not public, so
 * the page comes in two layouts [inferred]: a `<table>` (default) and, with `?layout=grid`, an ARIA
 * grid of divs with no `<table>` at all. Code reading the page must work on both.
 *
 * Like a single-page app it loads rows after the first paint and re-renders every row after each
 * action and once more ~500 ms after load, so code that reads the rows must not hold on to row
 * elements. Markup is plain and nested; there are no test ids.
 */
import { escapeHtml, platformPage, scriptJson } from './html';

export interface PatRow {
  readonly name: string;
  readonly provider: string;
  /** The app-proxy GraphQL URL, or null when the runtime has no ingress host. */
  readonly url: string | null;
  /** Last four characters of the user's token on this runtime, or null when none is registered. */
  readonly last4: string | null;
  readonly isValid: boolean;
}

/** `table`: the documented columns in a `<table>`; `grid`: the same as an ARIA grid of divs. */
export type PatLayout = 'table' | 'grid';

export const PROVIDER_LABELS: Readonly<Record<string, string>> = {
  GITHUB: 'GitHub',
  GITLAB: 'GitLab',
  BITBUCKET: 'Bitbucket',
  BITBUCKET_SERVER: 'Bitbucket Server',
  GERRIT: 'Gerrit',
};

// The documents the SDK sends (§1a, §1b); the page is a client like any other.
const REGISTER =
  'mutation RegisterToGitIntegration($args: RegisterToGitIntegrationArgs!) { registerToGitIntegration(args: $args) { name sharingPolicy provider apiUrl registeredUsers } }';
const DEREGISTER =
  'mutation DeregisterFromGitIntegration($name: String) { deregisterFromGitIntegration(name: $name) { name sharingPolicy provider apiUrl registeredUsers } }';

/** Plain ES2017 so it runs as-is in the page; it never logs and keeps no token after a request. */
const SCRIPT = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('pat-page-state').textContent);
  var rows = data.rows;
  var grid = data.layout === 'grid';

  function h(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === 'class') node.className = props[k];
      else if (k === 'onclick') node.addEventListener('click', props[k]);
      else if (k === 'onsubmit') node.addEventListener('submit', props[k]);
      else if (k === 'text') node.textContent = props[k];
      else if (props[k] != null) node.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function call(row, query, variables) {
    return fetch(row.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-access-token': data.session },
      body: JSON.stringify({ query: query, variables: variables })
    }).then(function (res) {
      return res.text().then(function (text) {
        var body = null;
        try { body = JSON.parse(text); } catch (e) { body = null; }
        if (body && body.errors && body.errors.length) throw new Error(body.errors[0].message);
        if (!res.ok) throw new Error('Request failed (' + res.status + ')');
        if (!body) throw new Error('Unexpected response');
        return body.data;
      });
    });
  }

  function act(row, promise, last4) {
    row.busy = true; row.error = null; render();
    promise.then(function () {
      row.last4 = last4; row.isValid = true; row.editing = false;
    }, function (err) {
      row.error = err.message;
    }).then(function () { row.busy = false; render(); });
  }

  function cell(children) {
    return h(grid ? 'div' : 'td', grid ? { role: 'gridcell' } : {}, children);
  }

  function form(row) {
    // Like a framework's controlled inputs, what was typed survives a re-render of the row.
    var input = h('input', { type: 'password', autocomplete: 'off', name: 'token' });
    input.value = row.draftToken || '';
    input.addEventListener('input', function () { row.draftToken = input.value; });
    var user = row.provider === 'Bitbucket' ? h('input', { type: 'text', autocomplete: 'off', name: 'username' }) : null;
    if (user) {
      user.value = row.draftUser || '';
      user.addEventListener('input', function () { row.draftUser = user.value; });
    }
    return h('form', {
      class: 'token-form',
      onsubmit: function (e) {
        e.preventDefault();
        var token = input.value;
        input.value = '';
        row.draftToken = '';
        var args = { token: token };
        if (user && user.value) args.username = user.value;
        act(row, call(row, ${JSON.stringify(REGISTER)}, { args: args }), token.slice(-4));
      }
    }, [
      user ? h('label', {}, [h('span', { text: 'Username ' }), user]) : null,
      h('label', {}, [h('span', { text: 'Git token ' }), input]),
      h('button', { type: 'submit', text: 'Confirm', disabled: row.busy ? '' : null }),
      h('button', { type: 'button', text: 'Cancel', onclick: function () { row.editing = false; row.draftToken = ''; row.draftUser = ''; render(); } })
    ]);
  }

  function actions(row) {
    if (row.editing) return form(row);
    var add = h('button', { type: 'button', class: 'btn', text: '+Add Token', onclick: function () { row.editing = true; row.error = null; render(); } });
    var del = h('button', { type: 'button', class: 'btn btn-danger', text: 'Delete Token', onclick: function () {
      act(row, call(row, ${JSON.stringify(DEREGISTER)}, { name: null }), null);
    } });
    if (!row.url || row.busy) { add.disabled = true; del.disabled = true; }
    return h('div', { class: 'actions' }, [add, row.last4 ? del : null]);
  }

  // The Token column holds the masked token, its state and the row's actions.
  function tokenCell(row) {
    var parts = [];
    if (!row.url) parts.push(h('span', { class: 'muted', text: 'No ingress host' }));
    else if (row.last4) {
      parts.push(h('span', { class: 'masked', text: '\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022' + row.last4 }));
      if (!row.isValid) parts.push(h('span', { class: 'tag', text: 'Invalid' }));
    }
    if (row.busy) parts.push(h('span', { class: 'muted', text: 'Saving\u2026' }));
    if (row.error) parts.push(h('div', { class: 'row-error', role: 'alert', text: row.error }));
    parts.push(actions(row));
    return cell([h('div', { class: 'cell' }, parts)]);
  }

  function render() {
    var body = h(grid ? 'div' : 'tbody', grid ? { role: 'rowgroup', class: 'pat-rows' } : { class: 'pat-rows' }, rows.map(function (row) {
      return h(grid ? 'div' : 'tr', grid ? { role: 'row', class: 'grid-row' } : { class: 'table-row' }, [
        cell([h('div', { class: 'cell' }, [h('span', { class: 'runtime-name' }, [h('span', { text: row.name })])])]),
        tokenCell(row)
      ]);
    }));
    var current = document.querySelector('main .pat-rows');
    current.parentNode.replaceChild(body, current);
  }

  setTimeout(render, 50);
  setTimeout(render, 550);
})();
`;

const TABLE = `<table class="cf-table">
        <thead><tr><th><span>Name</span></th><th><span>Token</span></th></tr></thead>
        <tbody class="pat-rows"><tr><td colspan="2">${escapeHtml('Loading…')}</td></tr></tbody>
      </table>`;

const GRID = `<div role="grid" aria-label="Git Personal Access Tokens" class="cf-grid">
        <div role="rowgroup"><div role="row" class="grid-row">
          <div role="columnheader"><span>Name</span></div><div role="columnheader"><span>Token</span></div>
        </div></div>
        <div role="rowgroup" class="pat-rows"><div role="row"><div role="gridcell">${escapeHtml('Loading…')}</div></div></div>
      </div>`;

export const patPage = (
  title: string,
  rows: readonly PatRow[],
  session: string,
  layout: PatLayout = 'table',
): string =>
  platformPage(
    title,
    `<section class="git-pat">
      <p>Add your Git personal access token to each GitOps Runtime you work with.</p>
      ${layout === 'grid' ? GRID : TABLE}
      <script type="application/json" id="pat-page-state">${scriptJson({ rows, session, layout })}</script>
    </section>`,
    SCRIPT,
  );
