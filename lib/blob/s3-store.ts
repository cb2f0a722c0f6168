import "server-only";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  UploadPartCommand,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { PassThrough, Readable } from "node:stream";
import { z } from "zod";
import { contentDisposition } from "./content-disposition";
import { assertBlobKey, hashingStream, type BlobStore, type DirectUploads } from "./store";

// The S3-compatible store (SPEC D: object storage in production): AWS S3, Cloudflare R2, MinIO — tested against a real S3-protocol server
// (s3rver) started by the test. Uploads stream through a multipart upload (5 MB parts, a few in flight: constant
// memory for files of several GB) while being hashed; a permitted download is a presigned GET of a few minutes.

const configSchema = z.object({
  bucket: z.string().min(3),
  region: z.string().min(1).default("auto"),
  endpoint: z.url().optional(),
  accessKeyId: z.string().min(1).optional(),
  secretAccessKey: z.string().min(1).optional(),
  forcePathStyle: z.boolean().default(false),
});
export type S3StoreConfig = z.input<typeof configSchema>;

export function s3ConfigFromEnv(env: NodeJS.ProcessEnv): S3StoreConfig {
  return {
    bucket: env.S3_BUCKET ?? "",
    region: env.S3_REGION || undefined,
    endpoint: env.S3_ENDPOINT || undefined,
    accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === "1",
  };
}

const PART_SIZE = 5 * 1024 * 1024;
const QUEUE_SIZE = 3;

type S3Failure = { name?: string; $metadata?: { httpStatusCode?: number } };

function isNotFound(error: unknown): boolean {
  const e = error as S3Failure;
  return e?.name === "NotFound" || e?.name === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404;
}

/** What CompleteMultipartUpload answers to parts that are not the upload's (the caller's fault, not the store's). */
const REJECTED_PARTS = new Set(["InvalidPart", "InvalidPartOrder", "EntityTooSmall", "NoSuchUpload", "MalformedXML"]);

/**
 * X-7, G-4 on serverless: the browser-direct multipart upload. Its own client computes no request checksums: since
 * 3.729 the SDK adds a CRC32 to UploadPart by default (and presigns the checksum of an empty body, which the
 * browser's PUT then fails on) and declares CRC32 on CreateMultipartUpload, after which the store wants a checksum
 * with every part. The file's integrity is checked after the upload instead: the app reads the object back and
 * compares its SHA-256 with the browser's.
 */
function directUploads(clientConfig: S3ClientConfig, Bucket: string): DirectUploads {
  const client = new S3Client({ ...clientConfig, requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" });
  return {
    async create(key, { contentType }) {
      assertBlobKey(key);
      const created = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: key, ContentType: contentType }));
      if (!created.UploadId) throw new Error("S3 CreateMultipartUpload: no upload id");
      return created.UploadId;
    },
    async partUrl(key, uploadId, { partNumber, contentLength, expiresInSeconds }) {
      assertBlobKey(key);
      const command = new UploadPartCommand({ Bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, ContentLength: contentLength });
      // The length is signed: the store refuses a part of any other size.
      return getSignedUrl(client, command, { expiresIn: expiresInSeconds, signableHeaders: new Set(["content-length"]) });
    },
    async complete(key, uploadId, parts) {
      assertBlobKey(key);
      try {
        await client.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts.map(({ partNumber, etag }) => ({ PartNumber: partNumber, ETag: etag })) },
          }),
        );
        return "completed";
      } catch (error) {
        if (REJECTED_PARTS.has((error as S3Failure)?.name ?? "")) return "rejected";
        throw error;
      }
    },
    async abort(key, uploadId) {
      assertBlobKey(key);
      try {
        await client.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: uploadId }));
      } catch (error) {
        if ((error as S3Failure)?.name !== "NoSuchUpload") throw error;
      }
    },
  };
}

export function s3BlobStore(input: S3StoreConfig): BlobStore {
  const config = configSchema.parse(input);
  const clientConfig: S3ClientConfig = {
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
  };
  if (config.accessKeyId && config.secretAccessKey)
    clientConfig.credentials = {
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
    };
  const client = new S3Client(clientConfig);
  const Bucket = config.bucket;
  return {
    kind: "s3",
    async put(key, body, options = {}) {
      assertBlobKey(key);
      const hashing = hashingStream();
      const through = new PassThrough();
      body.on("error", (error) => through.destroy(error));
      body.pipe(hashing).pipe(through);
      const upload = new Upload({
        client,
        params: {
          Bucket,
          Key: key,
          Body: through,
          ContentType: options.contentType ?? "application/octet-stream",
        },
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
      });
      await upload.done();
      return hashing.result();
    },
    async head(key) {
      assertBlobKey(key);
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { size: Number(head.ContentLength ?? 0) };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async read(key, range) {
      assertBlobKey(key);
      const object = await client.send(
        new GetObjectCommand({
          Bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      if (!(object.Body instanceof Readable)) throw new Error("S3 GetObject: no stream body");
      return object.Body;
    },
    async downloadUrl(key, { fileName, contentType, expiresInSeconds }) {
      assertBlobKey(key);
      const command = new GetObjectCommand({
        Bucket,
        Key: key,
        ResponseContentDisposition: contentDisposition(fileName),
        ResponseContentType: contentType,
        ResponseCacheControl: "private, no-store",
      });
      return getSignedUrl(client, command, { expiresIn: expiresInSeconds });
    },
    async delete(key) {
      assertBlobKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    directUploads: directUploads(clientConfig, Bucket),
  };
}
