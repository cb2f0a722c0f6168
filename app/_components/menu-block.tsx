"use client";

import Link from "next/link";
import { useId, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { categoryIcons, LockIcon, type CategoryIconName } from "./icons";

export type MenuGroup = { label?: string; items: { href: string; label: string; locked: boolean }[] };

/**
 * SPEC T: a service-menu block whose list opens on hover AND on keyboard focus, as a disclosure button with
 * aria-expanded; Escape closes it and returns focus to the button.
 */
export function MenuBlock({ title, groups, lockLabel, icon }: { title: string; groups: MenuGroup[]; lockLabel: string; icon: CategoryIconName }) {
  const Icon = categoryIcons[icon];
  const [open, setOpen] = useState(false);
  const listId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);

  function onBlur(event: FocusEvent<HTMLDivElement>) {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
  }
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape" && open) {
      setOpen(false);
      buttonRef.current?.focus();
    }
  }

  return (
    <div className="relative" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)} onFocus={() => setOpen(true)} onBlur={onBlur} onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((v) => !v)}
        className="flex w-full items-center gap-3 rounded-md border border-line bg-white px-4 py-4 text-left font-bold text-ink shadow-sm hover:border-brand aria-expanded:border-brand aria-expanded:bg-panel"
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
                        <span className="sr-only">（{lockLabel}）</span>
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
