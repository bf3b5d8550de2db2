import 'reflect-metadata';
import { runService } from '#platform';
import { LEAD_SERVICE } from './lead-service.service.js';

void runService(LEAD_SERVICE);
