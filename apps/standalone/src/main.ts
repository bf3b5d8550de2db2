// `npm start`: the whole backend in one process, on embedded PostgreSQL unless DATABASE_URL is set.
import 'reflect-metadata';
import { runService } from '#platform';
import { STANDALONE } from './standalone.service.js';

void runService(STANDALONE);
