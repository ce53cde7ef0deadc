import type { FastifyError, FastifyInstance } from 'fastify';
import { ErrorCodes, RegistryServiceError } from '../errors.js';

/** Every failure leaves as Confluent's `{ error_code, message }`; only store failures are 5xx. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | RegistryServiceError, request, reply) => {
    if (error instanceof RegistryServiceError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return reply.status(error.status).send({ error_code: error.errorCode, message: error.message });
    }
    const status = (error as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.status(status).send({ error_code: status, message: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send({ error_code: ErrorCodes.storeError, message: 'Error in the backend data store' });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ error_code: ErrorCodes.notFound, message: 'HTTP 404 Not Found' }),
  );
}
