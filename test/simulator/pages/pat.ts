/**
 * The fake "Git Personal Access Token" page (§5: `/2.0/user-settings`, formerly
 * `/2.0/git-personal-access-token`): one row per runtime with the signed-in user's masked token
 * and "+Add Token" / "Delete Token", which call the runtime's app-proxy from the page with the
 * session in `x-access-token` (§2 CORS allows that header for the platform origin).
 *
 * Like a single-page app it loads rows after the first paint and re-renders the whole tbody after
 * each action and once more ~500 ms after load, so code that reads the table must not hold on to
 * row elements. Markup is plain and nested; there are no test ids.
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
  var table = document.querySelector('main table');

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

  function tokenCell(row) {
    var parts = [];
    if (!row.url) parts.push(h('span', { class: 'muted', text: 'No ingress host' }));
    else if (row.last4) {
      parts.push(h('span', { class: 'masked', text: '\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022' + row.last4 }));
      if (!row.isValid) parts.push(h('span', { class: 'tag', text: 'Invalid' }));
    }
    if (row.busy) parts.push(h('span', { class: 'muted', text: 'Saving\u2026' }));
    if (row.error) parts.push(h('div', { class: 'row-error', role: 'alert', text: row.error }));
    return h('td', {}, [h('div', { class: 'cell' }, parts)]);
  }

  function form(row) {
    var input = h('input', { type: 'password', autocomplete: 'off', name: 'token' });
    var user = row.provider === 'Bitbucket' ? h('input', { type: 'text', autocomplete: 'off', name: 'username' }) : null;
    return h('form', {
      class: 'token-form',
      onsubmit: function (e) {
        e.preventDefault();
        var token = input.value;
        input.value = '';
        var args = { token: token };
        if (user && user.value) args.username = user.value;
        act(row, call(row, ${JSON.stringify(REGISTER)}, { args: args }), token.slice(-4));
      }
    }, [
      user ? h('label', {}, [h('span', { text: 'Username ' }), user]) : null,
      h('label', {}, [h('span', { text: 'Git token ' }), input]),
      h('button', { type: 'submit', text: 'Confirm', disabled: row.busy ? '' : null }),
      h('button', { type: 'button', text: 'Cancel', onclick: function () { row.editing = false; render(); } })
    ]);
  }

  function actions(row) {
    if (row.editing) return h('td', {}, [form(row)]);
    var add = h('button', { type: 'button', class: 'btn', text: '+Add Token', onclick: function () { row.editing = true; row.error = null; render(); } });
    var del = h('button', { type: 'button', class: 'btn btn-danger', text: 'Delete Token', onclick: function () {
      act(row, call(row, ${JSON.stringify(DEREGISTER)}, { name: null }), null);
    } });
    if (!row.url || row.busy) { add.disabled = true; del.disabled = true; }
    return h('td', {}, [h('div', { class: 'actions' }, [add, row.last4 ? del : null])]);
  }

  function render() {
    var tbody = h('tbody', {}, rows.map(function (row) {
      return h('tr', { class: 'table-row' }, [
        h('td', {}, [h('div', { class: 'cell' }, [h('span', { class: 'runtime-name' }, [h('span', { text: row.name })])])]),
        h('td', {}, [h('div', { class: 'cell' }, [h('span', { text: row.provider })])]),
        tokenCell(row),
        actions(row)
      ]);
    }));
    table.replaceChild(tbody, table.tBodies[0]);
  }

  setTimeout(render, 50);
  setTimeout(render, 550);
})();
`;

export const patPage = (title: string, rows: readonly PatRow[], session: string): string =>
  platformPage(
    title,
    `<section class="git-pat">
      <p>Add your Git personal access token to each GitOps Runtime you work with.</p>
      <table class="cf-table">
        <thead><tr>
          <th><span>Runtime</span></th><th><span>Git provider</span></th><th><span>Token</span></th><th><span>Actions</span></th>
        </tr></thead>
        <tbody><tr><td colspan="4">${escapeHtml('Loading…')}</td></tr></tbody>
      </table>
      <script type="application/json" id="pat-page-state">${scriptJson({ rows, session })}</script>
    </section>`,
    SCRIPT,
  );
