// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyView } from '../../../../src/popup/views/lazy-view';

afterEach(cleanup);

const Greeting = ({ name }: { name: string }) => <p>hello {name}</p>;

describe('lazyView', () => {
  it('shows the view with its props once its code has loaded, and fetches that code once', async () => {
    let loads = 0;
    const Lazy = lazyView(() => {
      loads += 1;
      return Promise.resolve(Greeting);
    });
    render(
      <>
        <Lazy name="one" />
        <Lazy name="two" />
      </>,
    );
    expect(await screen.findByText('hello one')).toBeTruthy();
    expect(screen.getByText('hello two')).toBeTruthy();
    cleanup();
    // Rendered again later: there at once, from the code loaded before.
    render(<Lazy name="three" />);
    expect(screen.getByText('hello three')).toBeTruthy();
    expect(loads).toBe(1);
  });

  it('fetches nothing until a caller renders it', () => {
    let loads = 0;
    lazyView(() => {
      loads += 1;
      return Promise.resolve(Greeting);
    });
    expect(loads).toBe(0);
  });

  it('renders nothing while the code is on its way', () => {
    const Lazy = lazyView(() => new Promise<typeof Greeting>(() => {}));
    const { container } = render(<Lazy name="never" />);
    expect(container.textContent).toBe('');
  });
});
