import { type Tracer, type TracerProvider, trace } from '@opentelemetry/api';

/** The API's proxy provider, of this copy of the API or of another. */
interface ProxyProvider extends TracerProvider {
  getDelegate(): TracerProvider;
  getDelegateTracer(name: string): Tracer | undefined;
}

function isProxy(provider: TracerProvider): provider is ProxyProvider {
  return typeof (provider as Partial<ProxyProvider>).getDelegateTracer === 'function';
}

/**
 * The globally registered tracer provider, undefined while none is. The API hands out a proxy
 * either way and the registered provider stands behind it. Duck-typed rather than `instanceof`:
 * ADOT's layer registers through its own copy of the API (the bundle carries ours), the two
 * share the API's global slot, and what arrives here is then the other copy's proxy.
 */
export function registeredProvider(): TracerProvider | undefined {
  const provider = trace.getTracerProvider();
  if (!isProxy(provider)) return provider;
  return provider.getDelegateTracer('eventline') === undefined ? undefined : provider.getDelegate();
}

/**
 * Hands the spans the registered provider still holds to its exporter. Lambda freezes the sandbox
 * as soon as the handler returns; ADOT's wrapper flushes only around a handler it could wrap, and
 * on Node 22 it cannot wrap an ES module handler, which is what Eventline's bundles are.
 */
export async function flushRegisteredProvider(): Promise<void> {
  const provider = registeredProvider() as
    | (TracerProvider & { forceFlush?: () => Promise<unknown> })
    | undefined;
  await provider?.forceFlush?.();
}
