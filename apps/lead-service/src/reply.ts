import type { Response } from 'express';
import type { Answer } from './command-dispatcher.js';

/** Sets the status and, for a lead's answer, `ETag: "<revision>"`; returns the body. */
export const reply = async <Body extends { revision: number }>(response: Response, pending: Promise<Answer<Body>>): Promise<Body> => {
  const answer = await pending;
  response.status(answer.status).setHeader('ETag', `"${answer.body.revision}"`);
  return answer.body;
};
