import { describe, expect, it } from "vitest";
import { s3BrowserOrigin } from "@/lib/blob/s3-origin";

// The origin the CSP's connect-src adds for G-4's browser-direct upload, only on the S3 store.
describe("s3BrowserOrigin", () => {
  it("is the endpoint's origin, with the bucket in the host unless path-style, AWS's regional one by default", () => {
    expect(s3BrowserOrigin({ BLOB_STORE: "s3", S3_BUCKET: "downloads", S3_ENDPOINT: "http://127.0.0.1:4569/", S3_FORCE_PATH_STYLE: "1" })).toBe(
      "http://127.0.0.1:4569",
    );
    expect(s3BrowserOrigin({ BLOB_STORE: "s3", S3_BUCKET: "ecs-files", S3_ENDPOINT: "https://abc123.r2.cloudflarestorage.com" })).toBe(
      "https://ecs-files.abc123.r2.cloudflarestorage.com",
    );
    expect(s3BrowserOrigin({ BLOB_STORE: "s3", S3_BUCKET: "ecs-files", S3_REGION: "ap-northeast-1" })).toBe(
      "https://ecs-files.s3.ap-northeast-1.amazonaws.com",
    );
  });

  it("is nothing on the local store, or for an endpoint that is no http(s) URL", () => {
    expect(s3BrowserOrigin({ S3_BUCKET: "ecs-files", S3_ENDPOINT: "https://s3.example.com" })).toBeUndefined();
    expect(s3BrowserOrigin({ BLOB_STORE: "local", S3_BUCKET: "ecs-files" })).toBeUndefined();
    expect(s3BrowserOrigin({ BLOB_STORE: "s3", S3_BUCKET: "ecs-files", S3_ENDPOINT: "javascript:alert(1)" })).toBeUndefined();
    expect(s3BrowserOrigin({ BLOB_STORE: "s3", S3_BUCKET: "x", S3_ENDPOINT: "not a url" })).toBeUndefined();
  });
});
