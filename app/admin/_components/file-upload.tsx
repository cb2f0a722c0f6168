/**
 * A file as the body of one POST to a staff upload route, opened and ready for its handlers and `send(file)`.
 * XMLHttpRequest, because fetch reports no upload progress: `onPercent` hears it in whole percent.
 */
export function openFileUpload(url: string, onPercent: (percent: number) => void): XMLHttpRequest {
  const request = new XMLHttpRequest();
  request.open("POST", url);
  request.setRequestHeader("Content-Type", "application/octet-stream");
  request.upload.onprogress = (e) => onPercent(e.lengthComputable ? Math.floor((e.loaded / e.total) * 100) : 0);
  return request;
}

/** An upload's progress bar with its text beside it (the text also names the bar). */
export function UploadPercent({ percent, label }: { percent: number; label: string }) {
  return (
    <>
      <progress max={100} value={percent} className="mr-2 align-middle" aria-label={label} />
      {label}
    </>
  );
}
