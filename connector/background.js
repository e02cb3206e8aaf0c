// Margin Connector: clips the page in the current tab into Margin, the local
// reading library. The page goes to `margin native-host` over the browser's
// native messaging (no network port); that host stores it and answers with a
// line to show the reader.
//
// Runs as the service worker in Chromium-family browsers and as the event
// page in Firefox, which both call it from the toolbar button, the context
// menu and the keyboard shortcut.
"use strict";

const ext = globalThis.browser ?? globalThis.chrome;

// HOST is the native messaging host name the manifests of make install carry.
const HOST = "app.margin.reader";

// CONTEXT is how many characters of text either side of the selection go
// along with it, so the host can tell a repeated passage's occurrences apart.
const CONTEXT = 32;

const MENU_PAGE = "clip-page";
const MENU_SELECTION = "clip-selection";

ext.runtime.onInstalled.addListener(async () => {
  await ext.contextMenus.removeAll();
  ext.contextMenus.create({
    id: MENU_PAGE,
    title: "Clip page to Margin",
    contexts: ["page", "frame", "link", "image", "selection"],
  });
  ext.contextMenus.create({
    id: MENU_SELECTION,
    title: "Clip and highlight selection",
    contexts: ["selection"],
  });
});

ext.action.onClicked.addListener((tab) => clipTab(tab, { highlight: true }));

ext.contextMenus.onClicked.addListener((info, tab) =>
  clipTab(tab, { highlight: info.menuItemId === MENU_SELECTION }),
);

ext.commands.onCommand.addListener(async (command, tab) => {
  if (command !== "clip-page") return;
  if (!tab) [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  if (tab) clipTab(tab, { highlight: true });
});

// clipTab sends the page of tab, as its scripts left it, to Margin and shows
// the answer. The address is the one the browser reports for the tab, never
// one the page claims.
async function clipTab(tab, { highlight }) {
  const url = tab.url ?? "";
  if (!/^https?:/i.test(url)) {
    return report(tab, {
      ok: false,
      message: "Margin clips web pages (http and https addresses), not this one.",
    });
  }
  showBusy(tab);
  let page;
  try {
    page = await readPage(tab.id);
  } catch (err) {
    return report(tab, { ok: false, message: `Margin cannot read this page: ${err.message}` });
  }
  const message = { type: "clip", url, title: page.title, html: page.html };
  if (highlight && page.selection) message.selection = page.selection;
  let reply;
  try {
    reply = await ext.runtime.sendNativeMessage(HOST, message);
  } catch (err) {
    reply = { ok: false, message: explainNativeError(err) };
  }
  return report(tab, reply ?? { ok: false, message: "Margin did not answer." });
}

// readPage runs capturePage in the tab. The access a click grants
// (activeTab) can reach the page a moment after the click's event: an
// access error is tried again a few times before it counts.
async function readPage(tabId) {
  for (let attempt = 1; ; attempt++) {
    try {
      const [injection] = await ext.scripting.executeScript({
        target: { tabId },
        func: capturePage,
        args: [CONTEXT],
      });
      return injection.result;
    } catch (err) {
      if (attempt >= 5 || !/cannot access|permission/i.test(String(err?.message))) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

// explainNativeError turns the browser's native messaging errors into what
// the reader can do about them.
function explainNativeError(err) {
  const text = String(err?.message ?? err);
  if (/not found|no such native application/i.test(text)) {
    return "Margin is not installed for this browser: run make install.";
  }
  if (/forbidden|not allowed/i.test(text)) {
    return "Margin's installation does not allow this copy of the connector: run make install again.";
  }
  if (/exited|disconnected|communicating/i.test(text)) {
    return `Margin stopped before it answered (${text}). Is the installed margin up to date?`;
  }
  return `Margin could not be reached: ${text}`;
}

// capturePage runs in the page: the document as its scripts built it, and
// the selection as a W3C TextQuoteSelector. It must not use anything
// outside itself.
function capturePage(context) {
  const collapse = (s) => s.replace(/\s+/g, " ");
  const head = (s, n) => Array.from(s).slice(0, n).join("");
  const tail = (s, n) => Array.from(s).slice(-n).join("");
  let selection = null;
  const sel = window.getSelection();
  if (sel && sel.rangeCount > 0 && !sel.isCollapsed) {
    const range = sel.getRangeAt(0);
    const exact = sel.toString();
    if (exact.trim() !== "") {
      const root = document.body ?? document.documentElement;
      const before = document.createRange();
      before.selectNodeContents(root);
      before.setEnd(range.startContainer, range.startOffset);
      const after = document.createRange();
      after.selectNodeContents(root);
      after.setStart(range.endContainer, range.endOffset);
      selection = {
        type: "TextQuoteSelector",
        exact,
        prefix: tail(collapse(before.toString()), context),
        suffix: head(collapse(after.toString()), context),
      };
    }
  }
  return { html: document.documentElement.outerHTML, title: document.title, selection };
}

function showBusy(tab) {
  ext.action.setBadgeBackgroundColor({ tabId: tab.id, color: "#666666" });
  ext.action.setBadgeText({ tabId: tab.id, text: "…" });
}

// report shows the result on the toolbar button (a badge and its tooltip)
// and in a notification, and keeps it as lastResult in session storage.
async function report(tab, reply) {
  const ok = reply.ok === true;
  const message = String(reply.message ?? (ok ? "Clipped." : "Margin could not clip this page."));
  const result = { ...reply, ok, message, tabId: tab.id, url: tab.url ?? "", at: Date.now() };
  try {
    await ext.action.setBadgeBackgroundColor({ tabId: tab.id, color: ok ? "#2e7d32" : "#c62828" });
    await ext.action.setBadgeText({ tabId: tab.id, text: ok ? "✓" : "!" });
    await ext.action.setTitle({ tabId: tab.id, title: message });
  } catch {
    // The tab was closed meanwhile; the notification still tells.
  }
  try {
    await ext.notifications.create({
      type: "basic",
      iconUrl: ext.runtime.getURL("icons/icon-128.png"),
      title: ok ? "Margin" : "Margin: not clipped",
      message,
    });
  } catch {
    // Notifications can be switched off; the badge and tooltip remain.
  }
  await ext.storage.session.set({ lastResult: result });
  return result;
}
