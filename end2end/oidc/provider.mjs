// A real OpenID Connect provider on loopback for the tests (`oidc-provider`, the certified
// Node implementation), with a small sign-in page of its own.
//
//   node end2end/oidc/provider.mjs   (env: OIDC_PORT, default 0; OIDC_REDIRECT_URIS, comma-separated)
//
// Prints `ready <issuer>` once listening. Client `medibook`, secret `medibook-test-secret`.
// The sign-in page asks for an email and, optionally, a subject (default: "sub-" + email) and a
// name. Accounts whose email starts with
//   unverified…      get email_verified = false,
//   wrong-audience…  get an ID token issued to another client (re-signed with this provider's key),
//   expired…         get an ID token that expired an hour ago (likewise),
// so the relying party's refusals are tested against real tokens from a real provider.
import Provider from 'oidc-provider';
import * as jose from 'jose';
import http from 'node:http';

// stdout carries only the ready line (its reader may stop reading); the library's notices go
// to stderr.
console.log = console.info = (...args) => process.stderr.write(`${args.join(' ')}\n`);

const port = Number(process.env.OIDC_PORT ?? 0);
const redirectUris = (process.env.OIDC_REDIRECT_URIS ?? '').split(',').filter(Boolean);
const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await jose.exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };

/** @type {Map<string, {email: string, name: string}>} */
const accounts = new Map();

const server = http.createServer();
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'medibook',
      client_secret: 'medibook-test-secret',
      redirect_uris: redirectUris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  jwks: { keys: [jwk] },
  pkce: { required: () => true },
  // Like Google: the ID token itself carries email and name.
  conformIdTokenClaims: false,
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['medibook-test-provider-cookie-key'] },
  async findAccount(_ctx, id) {
    const account = accounts.get(id);
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: account.email,
          email_verified: !account.email.startsWith('unverified'),
          name: account.name,
        };
      },
    };
  },
});

// The misbehaving accounts: their ID token is re-signed with this provider's own key.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || !ctx.body || typeof ctx.body.id_token !== 'string') return;
  const claims = jose.decodeJwt(ctx.body.id_token);
  const email = String(claims.email ?? '');
  const now = Math.floor(Date.now() / 1000);
  let changed = null;
  if (email.startsWith('wrong-audience')) changed = { ...claims, aud: 'another-client' };
  if (email.startsWith('expired')) changed = { ...claims, iat: now - 7200, exp: now - 3600 };
  if (changed) {
    ctx.body = {
      ...ctx.body,
      id_token: await new jose.SignJWT(changed)
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' })
        .sign(privateKey),
    };
  }
});

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const uid = details.uid;
  if (req.method === 'GET') {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="en"><head><title>Test ID — sign in</title></head><body>
<h1>Test ID</h1><p>Sign in to continue to ${escape(details.params.client_id)}.</p>
<form method="post" action="/interaction/${uid}/login">
<label>Email <input name="email" type="email" required autofocus></label>
<label>Name <input name="name"></label>
<label>Subject <input name="subject"></label>
<button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${uid}/cancel"><button type="submit">Cancel</button></form>
</body></html>`);
    return;
  }
  if (req.url.endsWith('/cancel')) {
    await provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'The person cancelled.',
    });
    return;
  }
  const form = await readForm(req);
  const email = form.get('email') ?? '';
  const accountId = form.get('subject') || `sub-${email}`;
  accounts.set(accountId, { email, name: form.get('name') || email.split('@')[0] });
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope('openid email profile');
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

const callback = provider.callback();
server.on('request', (req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((error) => {
      res.statusCode = 400;
      res.end(String(error));
    });
    return;
  }
  callback(req, res);
});

process.stdout.write(`ready ${issuer}\n`);
if (process.env.OIDC_EXIT_WITH_STDIN) {
  // Stop with the test process that started this (its end of stdin closes).
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
