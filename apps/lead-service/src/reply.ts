import type { FastifyReply } from 'fastify';
import type { Answer } from './command-dispatcher.js';

/** Sets the status and, for a lead's answer, `ETag: "<revision>"`; returns the body. */
export const reply = async <Body extends { revision: number }>(response: FastifyReply, pending: Promise<Answer<Body>>): Promise<Body> => {
  const answer = await pending;
  response.code(answer.status).header('ETag', `"${answer.body.revision}"`);
  return answer.body;
};
