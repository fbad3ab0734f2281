/**
 * Confluent Cloud's error body (sql/v1 `Failure`): `{"errors": [{"status", "code", "title", "detail",
 * "source": {"pointer"}}]}`; newer APIs answer `{"error": {"code", "message", "details", "suggestion"}}`.
 * Each error becomes one line: its detail (or title), with the request field it points at.
 */
export function cloudErrorMessage(body: unknown): string | undefined {
  const b = body as { errors?: unknown; error?: unknown } | undefined;
  if (Array.isArray(b?.errors)) {
    const lines = (b.errors as CloudError[]).map(errorLine).filter((l): l is string => !!l);
    return [...new Set(lines)].join('\n') || undefined;
  }
  const e = b?.error as { message?: string; details?: string; suggestion?: string } | undefined;
  if (e && typeof e.message === 'string') return [e.message, e.details, e.suggestion].filter(Boolean).join('. ');
  return undefined;
}

interface CloudError {
  title?: string;
  detail?: string;
  message?: string | null;
  source?: { pointer?: string; parameter?: string };
}

function errorLine(e: CloudError): string | undefined {
  const text = e.detail || e.message || e.title;
  if (!text) return undefined;
  const at = e.source?.pointer ?? e.source?.parameter;
  return at && !text.includes(at) ? `${text} (at ${at})` : text;
}
