import 'reflect-metadata';
import { runService } from '#platform';
import { PROJECTOR } from './projector.service.js';

void runService(PROJECTOR);
