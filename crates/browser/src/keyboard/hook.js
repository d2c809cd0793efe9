// portalscan pointer hook: runs before any page script (Page.addScriptToEvaluateOnNewDocument).
// Remembers every Element that gets a click/mousedown/mouseup/pointerdown/pointerup listener,
// from addEventListener or an on* property.
// The page must not notice: the wrapped functions are Proxies of the originals (same name,
// length, toString, return value, `this` and options), and everything we keep is closure-
// private, reachable only through one non-enumerable, non-writable global named below.
(() => {
  const NAME = "__portalscan_keyboard_7c1e";
  if (Object.prototype.hasOwnProperty.call(window, NAME)) return;
  const TYPES = new Set(["click", "mousedown", "mouseup", "pointerdown", "pointerup"]);
  const seen = new WeakSet();
  // WeakRefs so the list never keeps a removed element alive.
  const list = [];
  const note = (target) => {
    try {
      if (target instanceof Element && !seen.has(target)) {
        seen.add(target);
        list.push(new WeakRef(target));
      }
    } catch (_) { /* never let our bookkeeping break the page */ }
  };
  const ael = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = new Proxy(ael, {
    apply(target, self, args) {
      if (args.length >= 2 && args[1] != null && TYPES.has(String(args[0]))) note(self);
      return Reflect.apply(target, self, args);
    },
  });
  for (const proto of [HTMLElement.prototype, SVGElement.prototype,
                       typeof MathMLElement === "function" ? MathMLElement.prototype : null]) {
    if (!proto) continue;
    for (const type of TYPES) {
      const d = Object.getOwnPropertyDescriptor(proto, "on" + type);
      if (!d || !d.set || !d.configurable) continue;
      const set = d.set;
      Object.defineProperty(proto, "on" + type, Object.assign({}, d, {
        set: new Proxy(set, {
          apply(target, self, args) {
            if (args[0] != null) note(self);
            return Reflect.apply(target, self, args);
          },
        }),
      }));
    }
  }
  Object.defineProperty(window, NAME, {
    value: Object.freeze({
      // Elements still in a document; markup on* attributes are found by the caller.
      targets: () => list.map((r) => r.deref()).filter((e) => e && e.isConnected),
    }),
    enumerable: false, writable: false, configurable: false,
  });
})();
