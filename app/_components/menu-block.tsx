"use client";

import Link from "next/link";
import { useId, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { categoryIcons, LockIcon, type CategoryIconName } from "./icons";

export type MenuGroup = { label?: string; items: { href: string; label: string; locked: boolean }[] };

/**
 * SPEC T: a service-menu block whose list opens on hover AND on keyboard focus, as a disclosure button with
 * aria-expanded; Escape closes it and returns focus to the button.
 */
/** `lockLabel` names the lock mark (its tooltip); `lockNote` is what a screen reader hears after the menu's name. */
export function MenuBlock({
  title,
  groups,
  lockLabel,
  lockNote,
  icon,
}: {
  title: string;
  groups: MenuGroup[];
  lockLabel: string;
  lockNote: string;
  icon: CategoryIconName;
}) {
  const Icon = categoryIcons[icon];
  const [open, setOpen] = useState(false);
  const listId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const blockRef = useRef<HTMLDivElement>(null);
  // How the list was opened decides what a click does: after a hover, a focus or a tap (which focuses first) the
  // click keeps it open; a click on a list the user opened by clicking closes it.
  const openedBy = useRef<"hover" | "focus" | "click" | null>(null);
  // Escape returns focus to the button; that focus must not reopen the list.
  const ignoreNextFocus = useRef(false);

  function show(by: "hover" | "focus" | "click") {
    openedBy.current = by;
    setOpen(true);
  }
  function hide() {
    openedBy.current = null;
    setOpen(false);
  }
  function onBlur(event: FocusEvent<HTMLDivElement>) {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) hide();
  }
  function onFocus(event: FocusEvent<HTMLDivElement>) {
    if (ignoreNextFocus.current) {
      ignoreNextFocus.current = false;
      return;
    }
    if (!open && !event.currentTarget.contains(event.relatedTarget as Node | null)) show("focus");
  }
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape" && open) {
      hide();
      ignoreNextFocus.current = true;
      buttonRef.current?.focus();
    }
  }

  return (
    <div
      ref={blockRef}
      className="relative"
      onPointerEnter={(event) => {
        if (event.pointerType === "mouse" && !open) show("hover");
      }}
      onPointerLeave={(event) => {
        // A mouse leaving closes the list, unless the keyboard focus is inside it.
        if (event.pointerType === "mouse" && !blockRef.current?.contains(document.activeElement)) hide();
      }}
      onFocus={onFocus}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => (open && openedBy.current === "click" ? hide() : show("click"))}
        className={[
          "flex w-full items-center gap-3 rounded-md border border-line bg-white px-4 py-4 text-left font-bold text-ink shadow-sm",
          "hover:border-brand aria-expanded:border-brand aria-expanded:bg-panel",
        ].join(" ")}
      >
        <span className="text-brand">
          <Icon />
        </span>
        <span className="flex-1">{title}</span>
        <span aria-hidden="true" className="text-muted">
          {open ? "▲" : "▼"}
        </span>
      </button>
      <div id={listId} hidden={!open} className="z-10 mt-1 rounded-md border border-line bg-white p-3 shadow-lg md:absolute md:left-0 md:right-0">
        {groups.map((group, index) => (
          <div key={group.label ?? index} className="mb-2 last:mb-0">
            {group.label ? <p className="mb-1 text-sm font-bold text-muted">{group.label}</p> : null}
            <ul className="space-y-1">
              {group.items.map((item) => (
                <li key={item.label}>
                  <Link href={item.href} className="flex items-start gap-1 rounded px-2 py-1 text-link underline hover:bg-panel">
                    <span>{item.label}</span>
                    {item.locked ? (
                      <span className="mt-1 shrink-0 text-muted" title={lockLabel} data-lock="">
                        <LockIcon />
                        <span className="sr-only">{lockNote}</span>
                      </span>
                    ) : null}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </div>
  );
}
