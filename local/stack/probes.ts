/** True when a GET (or the given request) answers with the expected status within the timeout. */
export async function httpAnswers(url: string, init: RequestInit = {}, expectStatus = 200): Promise<boolean> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === expectStatus;
  } catch {
    return false;
  }
}
