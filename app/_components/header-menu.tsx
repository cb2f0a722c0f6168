"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import type { MenuGroup } from "./menu-block";
import { PhraseText } from "./phrase-text";

export type HeaderMenuCategory = { key: string; title: string; groups: MenuGroup[] };

/**
 * The service menu in the header of every customer page (SPEC T, issue 29 item 11): the top page's categories and
 * menus (service-menu.tsx, one source), each category a disclosure button over its menus. From 1024 px the categories
 * stand in a row and a menu list drops down; below, one 「メニュー」 button opens the categories as a column and each
 * opens in place (X-6: 360 px, keyboard). Escape closes the open list and returns focus to its button; focus or a tap
 * leaving the menu closes it; choosing a menu closes it.
 */
export function HeaderMenu({ label, menuLabel, categories }: { label: string; menuLabel: string; categories: HeaderMenuCategory[] }) {
  const [openCategory, setOpenCategory] = useState<string | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const pathname = usePathname();
  const id = useId();
  const navRef = useRef<HTMLElement>(null);
  const drawerButton = useRef<HTMLButtonElement>(null);
  const categoryButtons = useRef(new Map<string, HTMLButtonElement>());

  function closeAll() {
    setOpenCategory(null);
    setDrawerOpen(false);
  }

  // A tap or click anywhere else closes the menu (a touch screen moves no focus).
  useEffect(() => {
    if (!openCategory && !drawerOpen) return;
    function onPointerDown(event: PointerEvent) {
      if (!navRef.current?.contains(event.target as Node)) closeAll();
    }
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [openCategory, drawerOpen]);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== "Escape") return;
    if (openCategory) {
      categoryButtons.current.get(openCategory)?.focus();
      setOpenCategory(null);
    } else if (drawerOpen) {
      drawerButton.current?.focus();
      setDrawerOpen(false);
    }
  }

  function onBlur(event: FocusEvent<HTMLElement>) {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) closeAll();
  }

  const listId = `${id}-categories`;
  return (
    <nav ref={navRef} aria-label={label} className="border-t border-line bg-panel" onKeyDown={onKeyDown} onBlur={onBlur}>
      <div className="mx-auto max-w-6xl px-4">
        <button
          ref={drawerButton}
          type="button"
          aria-expanded={drawerOpen}
          aria-controls={listId}
          onClick={() => setDrawerOpen((open) => !open)}
          className="-mx-2 my-1 flex items-center gap-2 rounded px-2 py-2 text-sm font-bold text-ink hover:bg-white lg:hidden"
        >
          <span aria-hidden="true">{drawerOpen ? "✕" : "☰"}</span>
          {menuLabel}
        </button>
        <ul
          id={listId}
          className={`${drawerOpen ? "flex" : "hidden"} flex-col gap-1 pb-2 text-sm lg:-mx-3 lg:flex lg:flex-row lg:flex-wrap lg:gap-x-2 lg:pb-0`}
        >
          {categories.map((category) => {
            const open = openCategory === category.key;
            const panelId = `${id}-${category.key}`;
            const current = category.groups.some((group) => group.items.some((item) => item.href === pathname));
            return (
              <li key={category.key} className="relative">
                <button
                  ref={(element) => {
                    if (element) categoryButtons.current.set(category.key, element);
                    else categoryButtons.current.delete(category.key);
                  }}
                  type="button"
                  aria-expanded={open}
                  aria-controls={panelId}
                  onClick={() => setOpenCategory(open ? null : category.key)}
                  className={[
                    "flex w-full items-center justify-between gap-2 rounded px-3 py-2 text-left font-bold text-ink hover:bg-white",
                    "aria-expanded:bg-white lg:w-auto",
                    current ? "lg:shadow-[inset_0_-3px_0_var(--color-brand)]" : "",
                  ].join(" ")}
                >
                  <span className="phrase-wrap">
                    <PhraseText>{category.title}</PhraseText>
                  </span>
                  <span aria-hidden="true" className="text-xs text-muted">
                    {open ? "▲" : "▼"}
                  </span>
                </button>
                <div
                  id={panelId}
                  hidden={!open}
                  className="z-30 mt-1 rounded-md border border-line bg-white p-3 shadow-lg lg:absolute lg:left-0 lg:top-full lg:w-max lg:max-w-sm"
                >
                  {category.groups.map((group, index) => (
                    <div key={group.label ?? index} className="mb-2 last:mb-0">
                      {group.label ? <p className="mb-1 text-xs font-bold text-muted">{group.label}</p> : null}
                      <ul className="space-y-1">
                        {group.items.map((item) => (
                          <li key={item.href}>
                            <Link
                              href={item.href}
                              aria-current={item.href === pathname ? "page" : undefined}
                              onClick={closeAll}
                              className="phrase-wrap block rounded px-2 py-1 hover:bg-panel aria-[current=page]:font-bold"
                            >
                              <PhraseText>{item.label}</PhraseText>
                            </Link>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}
