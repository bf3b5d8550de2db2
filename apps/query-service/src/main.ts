import 'reflect-metadata';
import { runService } from '#platform';
import { QUERY_SERVICE } from './query-service.service.js';

void runService(QUERY_SERVICE);
