import { NotFoundBody } from "@/app/_components/not-found-body";

// notFound() in a page of this group: the layout's shell is already there.
export default function NotFound() {
  return <NotFoundBody />;
}
