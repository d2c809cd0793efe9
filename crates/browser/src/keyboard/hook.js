// portalscan pointer hook: runs before any page script (Page.addScriptToEvaluateOnNewDocument).
// Keeps track of the click/mousedown/mouseup/pointerdown/pointerup listeners each Element has,
// from addEventListener/removeEventListener and the on* properties.
// The page must not notice: the wrapped functions are Proxies of the originals (same name,
// length, toString, return value, `this` and options), and everything we keep is closure-
// private, reachable only through one non-enumerable, non-writable global named below.
(() => {
  const NAME = "__portalscan_keyboard_7c1e";
  if (Object.prototype.hasOwnProperty.call(window, NAME)) return;
  const TYPES = new Set(["click", "mousedown", "mouseup", "pointerdown", "pointerup"]);
  // Element -> Map(listener -> Set("type|capture")); WeakRefs list the elements without
  // keeping removed ones alive.
  const held = new WeakMap();
  const list = [];
  const key = (type, options) =>
    type + "|" + (typeof options === "boolean" ? options : !!(options && options.capture));
  const add = (target, listener, k) => {
    try {
      if (!(target instanceof Element)) return;
      let byListener = held.get(target);
      if (!byListener) {
        byListener = new Map();
        held.set(target, byListener);
        list.push(new WeakRef(target));
      }
      if (!byListener.has(listener)) byListener.set(listener, new Set());
      byListener.get(listener).add(k);
    } catch (_) { /* never let our bookkeeping break the page */ }
  };
  const remove = (target, listener, k) => {
    try {
      const keys = held.get(target) && held.get(target).get(listener);
      if (!keys) return;
      keys.delete(k);
      if (!keys.size) held.get(target).delete(listener);
    } catch (_) { /* as above */ }
  };
  const proto = EventTarget.prototype;
  proto.addEventListener = new Proxy(proto.addEventListener, {
    apply(target, self, args) {
      if (args.length >= 2 && args[1] != null && TYPES.has(String(args[0])))
        add(self, args[1], key(String(args[0]), args[2]));
      return Reflect.apply(target, self, args);
    },
  });
  proto.removeEventListener = new Proxy(proto.removeEventListener, {
    apply(target, self, args) {
      if (args.length >= 2 && args[1] != null && TYPES.has(String(args[0])))
        remove(self, args[1], key(String(args[0]), args[2]));
      return Reflect.apply(target, self, args);
    },
  });
  // An on* property is one listener slot per type: setting null empties it.
  const PROPERTY = {};
  for (const p of [HTMLElement.prototype, SVGElement.prototype,
                   typeof MathMLElement === "function" ? MathMLElement.prototype : null]) {
    if (!p) continue;
    for (const type of TYPES) {
      const d = Object.getOwnPropertyDescriptor(p, "on" + type);
      if (!d || !d.set || !d.configurable) continue;
      Object.defineProperty(p, "on" + type, Object.assign({}, d, {
        set: new Proxy(d.set, {
          apply(target, self, args) {
            const k = "on" + type;
            if (typeof args[0] === "function") add(self, PROPERTY, k);
            else remove(self, PROPERTY, k);
            return Reflect.apply(target, self, args);
          },
        }),
      }));
    }
  }
  Object.defineProperty(window, NAME, {
    value: Object.freeze({
      // Connected elements with a listener now; markup on* attributes are found by the caller.
      targets: () => list.map((r) => r.deref()).filter((e) => {
        if (!e || !e.isConnected) return false;
        for (const keys of held.get(e).values()) if (keys.size) return true;
        return false;
      }),
    }),
    enumerable: false, writable: false, configurable: false,
  });
})();
