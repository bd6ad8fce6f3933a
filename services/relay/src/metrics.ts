import { Counter, Gauge, type Registry } from 'prom-client';

export interface Metrics {
  connections: Gauge;
  messages: Counter<'type'>;
  messagesThrottled: Counter;
  slowClientsDropped: Counter;
  socketsRefused: Counter;
  timersFired: Counter;
}

/** The relay's own series next to the service-kit's request metrics. */
export function relayMetrics(registry: Registry): Metrics {
  return {
    connections: new Gauge({
      name: 'relay_websocket_connections',
      help: 'WebSocket clients connected to this replica',
      registers: [registry],
    }),
    messages: new Counter({
      name: 'relay_client_messages_total',
      help: 'Valid client messages, by type',
      labelNames: ['type'] as const,
      registers: [registry],
    }),
    messagesThrottled: new Counter({
      name: 'relay_client_messages_throttled_total',
      help: 'Client messages refused for flooding',
      registers: [registry],
    }),
    slowClientsDropped: new Counter({
      name: 'relay_slow_clients_dropped_total',
      help: 'Clients dropped because they stopped reading',
      registers: [registry],
    }),
    socketsRefused: new Counter({
      name: 'relay_sockets_refused_total',
      help: 'New sockets closed at once because their user had SOCKETS_PER_USER open',
      registers: [registry],
    }),
    timersFired: new Counter({
      name: 'relay_timers_fired_total',
      help: 'Room timers handled by this replica',
      registers: [registry],
    }),
  };
}
