// One IntersectionObserver for every panel on the page instead of one each: a 500-panel dashboard
// made 500 observers (and 500 first callbacks) at load. Elements are kept with their callbacks.
type Listener = (visible: boolean) => void;

let observer: IntersectionObserver | null = null;
const listeners = new Map<Element, Set<Listener>>();

function shared(): IntersectionObserver {
  observer ??= new IntersectionObserver((entries) => {
    for (const e of entries) for (const l of listeners.get(e.target) ?? []) l(e.isIntersecting);
  });
  return observer;
}

/** Calls `listener` with whether `el` is in the viewport, now and on each change; returns the stop. */
export function observeVisibility(el: Element, listener: Listener): () => void {
  let set = listeners.get(el);
  if (!set) {
    listeners.set(el, (set = new Set()));
    shared().observe(el);
  } else {
    // A second listener on a watched element still hears its current state: observe again.
    shared().unobserve(el);
    shared().observe(el);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size) return;
    listeners.delete(el);
    observer?.unobserve(el);
  };
}
