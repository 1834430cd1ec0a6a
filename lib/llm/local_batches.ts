/**
 * The files and batches endpoints of the local OpenAI-compatible server: upload a JSONL file,
 * create a batch over it, poll it, download the output file. Each line is answered by the
 * server's responder, in the background, as a real batch service would.
 *
 * @module
 */

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  content: string;
}

interface StoredBatch {
  id: string;
  object: "batch";
  endpoint: string;
  input_file_id: string;
  completion_window: string;
  status: "validating" | "in_progress" | "completed" | "failed";
  output_file_id: string | null;
  error_file_id: string | null;
  created_at: number;
  request_counts: { total: number; completed: number; failed: number };
  errors: { data: { line: number; message: string }[] } | null;
}

/** Answers one chat request body with a completion object. */
export type BatchCompleter = (
  body: Record<string, unknown>,
  n: number,
) => Promise<Record<string, unknown>>;

const json = (value: unknown, status = 200) => Response.json(value, { status });
const fail = (status: number, message: string) =>
  json({ error: { message, type: "invalid_request_error" } }, status);

/** Routes under /v1/files and /v1/batches. */
export class BatchRoutes {
  readonly #files = new Map<string, StoredFile>();
  readonly #batches = new Map<string, StoredBatch>();
  readonly #complete: BatchCompleter;
  #n = 0;

  /** @param complete Answers one line's request body. */
  constructor(complete: BatchCompleter) {
    this.#complete = complete;
  }

  /**
   * Handles one request.
   *
   * @param req The request.
   * @param path Its path without a trailing slash.
   * @returns The response.
   */
  async handle(req: Request, path: string): Promise<Response> {
    const tail = path.slice(path.indexOf("/v1/") + 4).split("/");
    if (tail[0] === "files") {
      if (req.method === "POST" && tail.length === 1) return await this.#upload(req);
      const file = this.#files.get(tail[1] ?? "");
      if (!file) return fail(404, `no file ${tail[1]}`);
      if (tail[2] === "content") {
        return new Response(file.content, { headers: { "content-type": "application/jsonl" } });
      }
      return json(this.#fileObject(file));
    }
    if (req.method === "POST" && tail.length === 1) return await this.#create(req);
    const batch = this.#batches.get(tail[1] ?? "");
    return batch ? json(batch) : fail(404, `no batch ${tail[1]}`);
  }

  #fileObject(f: StoredFile) {
    return {
      id: f.id,
      object: "file",
      bytes: new TextEncoder().encode(f.content).length,
      created_at: 0,
      filename: f.filename,
      purpose: f.purpose,
    };
  }

  #store(filename: string, purpose: string, content: string): StoredFile {
    const f = { id: `file-${++this.#n}`, filename, purpose, content };
    this.#files.set(f.id, f);
    return f;
  }

  async #upload(req: Request): Promise<Response> {
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      return fail(400, "expected multipart/form-data with fields file and purpose");
    }
    const file = form.get("file");
    if (!(file instanceof File)) return fail(400, "the form has no file field");
    const f = this.#store(file.name, String(form.get("purpose") ?? ""), await file.text());
    return json(this.#fileObject(f));
  }

  async #create(req: Request): Promise<Response> {
    let body: Record<string, unknown>;
    try {
      body = await req.json();
    } catch {
      return fail(400, "the request body is not JSON");
    }
    const input = this.#files.get(String(body.input_file_id ?? ""));
    if (!input) return fail(400, `input_file_id: no file ${body.input_file_id}`);
    if (body.endpoint !== "/v1/chat/completions") {
      return fail(400, "endpoint: only /v1/chat/completions is served");
    }
    const batch: StoredBatch = {
      id: `batch-${++this.#n}`,
      object: "batch",
      endpoint: "/v1/chat/completions",
      input_file_id: input.id,
      completion_window: String(body.completion_window ?? "24h"),
      status: "in_progress",
      output_file_id: null,
      error_file_id: null,
      created_at: 0,
      request_counts: { total: 0, completed: 0, failed: 0 },
      errors: null,
    };
    this.#batches.set(batch.id, batch);
    this.#process(batch, input.content);
    return json(batch);
  }

  #process(batch: StoredBatch, content: string): void {
    const lines = content.split("\n").filter((l) => l.trim());
    batch.request_counts.total = lines.length;
    const out: string[] = [], errs: string[] = [];
    (async () => {
      for (const [i, line] of lines.entries()) {
        let entry: { custom_id?: string; body?: Record<string, unknown> };
        try {
          entry = JSON.parse(line);
        } catch {
          batch.status = "failed";
          batch.errors = { data: [{ line: i + 1, message: "line is not JSON" }] };
          return;
        }
        try {
          const reply = await this.#complete(entry.body ?? {}, ++this.#n);
          out.push(JSON.stringify({
            id: `batch_req_${this.#n}`,
            custom_id: entry.custom_id,
            response: { status_code: 200, request_id: `req_${this.#n}`, body: reply },
            error: null,
          }));
          batch.request_counts.completed++;
        } catch (e) {
          errs.push(JSON.stringify({
            id: `batch_req_${this.#n}`,
            custom_id: entry.custom_id,
            response: null,
            error: { code: "server_error", message: (e as Error).message },
          }));
          batch.request_counts.failed++;
        }
      }
      batch.output_file_id =
        this.#store(`${batch.id}_output.jsonl`, "batch_output", out.map((l) => l + "\n").join(""))
          .id;
      if (errs.length) {
        batch.error_file_id = this.#store(
          `${batch.id}_errors.jsonl`,
          "batch_output",
          errs.map((l) => l + "\n").join(""),
        ).id;
      }
      batch.status = "completed";
    })();
  }
}
