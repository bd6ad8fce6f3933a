import type { ErrorCode } from '@corazy/contracts';
import { AppError } from '@corazy/service-kit';

/** A refused game action: it reaches an HTTP caller as the error body, a WebSocket client as an `error` event. */
export const refuse = (code: ErrorCode, message: string, details?: unknown) =>
  new AppError(code, message, details);
