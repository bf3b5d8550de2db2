// What the HTTP server refuses before a controller sees the request still answers problem details
// (with the correlation id, where there is a request), never a 500; routes match as they always did.
import { connect, type AddressInfo } from 'node:net';
import { SALES, startTestApp, type TestApp } from './support/test-app.js';
import { captureBody } from './lead-commands/lead-fixtures.js';

const PROBLEM = /^application\/problem\+json/;

describe('HTTP edges', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });

  it('an unknown route: 404 problem details, correlation id echoed', async () => {
    const response = await t.http.get('/v1/nowhere').set('X-Correlation-Id', 'corr-404').expect(404).expect('Content-Type', PROBLEM);
    expect(response.headers['x-correlation-id']).toBe('corr-404');
    expect(response.body).toMatchObject({ status: 404, correlationId: 'corr-404', detail: 'Cannot GET /v1/nowhere' });
  });

  it('a URL the router cannot decode: 400 problem details, correlation id echoed', async () => {
    const response = await t.http.get('/v1/leads/%E0%A4%A').set(SALES).set('X-Correlation-Id', 'corr-url').expect(400).expect('Content-Type', PROBLEM);
    expect(response.headers['x-correlation-id']).toBe('corr-url');
    expect(response.body).toMatchObject({ status: 400, title: 'Bad Request' });
  });

  it('a body of a type no route reads: 415', async () => {
    const response = await t.http.post('/v1/leads').set(SALES).set('Content-Type', 'application/xml').send('<lead/>').expect(415).expect('Content-Type', PROBLEM);
    expect(response.body).toMatchObject({ status: 415, title: 'Unsupported media type' });
  });

  it('an empty body declared JSON: 400 naming the body', async () => {
    const response = await t.http.post('/v1/leads').set(SALES).set('Content-Type', 'application/json').send('').expect(400);
    expect(response.body).toMatchObject({ status: 400, errors: [{ field: 'body', message: 'is empty' }] });
  });

  // The validation pipe's short way for JSON objects (libs/platform/src/http/validation.ts) counts on this.
  it.each([
    ['__proto__', 'proto@example.com', '{"lead":{"email":"proto@example.com"},"source":{"channel":"website"},"__proto__":{"admin":true}}'],
    ['constructor.prototype', 'ctor@example.com', '{"lead":{"email":"ctor@example.com","constructor":{"prototype":{"admin":true}}},"source":{"channel":"website"}}'],
  ])('a JSON body with a %s key: 400, no lead captured', async (_key, email, body) => {
    const response = await t.http.post('/v1/leads').set(SALES).set('Content-Type', 'application/json').send(body).expect(400).expect('Content-Type', PROBLEM);
    expect(response.body).toMatchObject({ status: 400 });
    await t.http.post('/v1/leads').set(SALES).send(captureBody(email)).expect(201); // 201: the lead is new
  });

  it('application/*+json is read as JSON', async () => {
    await t.http.post('/v1/leads').set(SALES).set('Content-Type', 'application/vnd.api+json; charset=utf-8')
      .send(JSON.stringify(captureBody('structured@example.com'))).expect(201);
  });

  it('routes match whatever the case and with a trailing slash, as on Express', async () => {
    await t.http.post('/V1/Leads/').set(SALES).send(captureBody('slash@example.com')).expect(201);
    await t.http.get('/Health/Live/').expect(200);
  });

  it('what is not HTTP (a bad Content-Length): 400 problem details on the socket', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    socket.end('POST /v1/leads HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: many\r\n\r\n{}');
    let answer = '';
    for await (const chunk of socket) answer += String(chunk);
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400 });
  });
});
