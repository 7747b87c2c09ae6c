export { createApp, WEBHOOK_BODY_LIMIT } from './app';
export { ConfigError, configSchema, loadConfig, type ReceiverConfig } from './config';
export { createLogger } from './logger';
export { Metrics } from './metrics';
export { createMirrorPlanner, type Refetch } from './mirror';
export { Processor, retryDelayMs } from './processor';
export { type RunningReceiver, type StartOptions, startReceiver } from './server';
export { openStore } from './store/receiver-store';
export type { DeliveryRow, DeliveryStatus, ReceiverStore, StoreOptions } from './store/store-types';
