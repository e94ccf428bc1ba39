import type { RoomHooks } from './RoomOptions';

/** Hooks that call each of several sets of hooks in turn (activity, history, ...). */
export function combineHooks(...sets: RoomHooks[]): RoomHooks {
  return {
    onLoaded: async (room) => {
      for (const hooks of sets) await hooks.onLoaded?.(room);
    },
    beforeChange: async (room, author) => {
      for (const hooks of sets) await hooks.beforeChange?.(room, author);
    },
    afterChange: async (room) => {
      for (const hooks of sets) await hooks.afterChange?.(room);
    },
    onUnload: (room) => sets.forEach((hooks) => hooks.onUnload?.(room)),
    onRefusedWrite: (room, connection) => sets.forEach((hooks) => hooks.onRefusedWrite?.(room, connection)),
    onLargeDeletion: (room, connection, deleted, before) => sets.forEach((hooks) => hooks.onLargeDeletion?.(room, connection, deleted, before)),
    onStored: (room, update, author) => sets.forEach((hooks) => hooks.onStored?.(room, update, author)),
    onPresence: (room, update) => sets.forEach((hooks) => hooks.onPresence?.(room, update)),
  };
}
