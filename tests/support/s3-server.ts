import S3rver from "s3rver";
import type { S3StoreConfig } from "@/lib/blob/s3-store";

// A real S3-protocol server for the object-store path (not a mock): s3rver, in this process, on a free
// loopback port, storing under `directory`, with one bucket. Its fixed credentials are S3RVER / S3RVER.
export type S3TestServer = { config: S3StoreConfig; stop(): Promise<void> };

export async function startS3Server(directory: string, bucket = "downloads"): Promise<S3TestServer> {
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  return {
    config: { bucket, region: "us-east-1", endpoint: `http://127.0.0.1:${port}`, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true },
    stop: () => server.close(),
  };
}
