import type {
  CodeSnapshot,
  GameResult,
  Reaction,
  RoomEvent,
  RoomView,
  SubmissionTestResult,
  Verdict,
} from '@corazy/contracts';

export interface JudgeOutcome {
  submissionId: string;
  mode: 'sample' | 'full';
  verdict: Verdict;
  message: string | null;
  compileOutput: string | null;
  passed: number;
  total: number;
  tests: SubmissionTestResult[];
}

export interface RoomState {
  room: RoomView;
  /** The game's code at the last snapshot, null outside a game; the live document is the room's SharedCode. */
  code: CodeSnapshot | null;
  chat: { userId: string; nickname: string; text: string; at: number }[];
  markers: {
    kind: 'reaction' | 'ping';
    userId: string;
    reaction?: Reaction;
    pos?: number;
    until: number;
    key: number;
  }[];
  lastJudge: JudgeOutcome | null;
  result: GameResult | null;
  closed: boolean;
}

export const initialRoomState = (room: RoomView, code: CodeSnapshot | null): RoomState => ({
  room,
  code,
  chat: [],
  markers: [],
  lastJudge: null,
  result: null,
  closed: false,
});

/** Applies one room event (already in seq order) to what the page shows; `code.op` goes to the editor. */
export function applyRoomEvent(state: RoomState, event: RoomEvent): RoomState {
  const room = state.room;
  const game = room.game;
  switch (event.type) {
    case 'player.joined':
      return {
        ...state,
        room: {
          ...room,
          players: [...room.players.filter((p) => p.userId !== event.player.userId), event.player],
        },
      };
    case 'player.left':
      return { ...state, room: { ...room, players: room.players.filter((p) => p.userId !== event.userId) } };
    case 'player.ready':
      return {
        ...state,
        room: {
          ...room,
          players: room.players.map((p) => (p.userId === event.userId ? { ...p, ready: event.ready } : p)),
        },
      };
    case 'player.presence':
      return {
        ...state,
        room: {
          ...room,
          players: room.players.map((p) => (p.userId === event.userId ? { ...p, online: event.online } : p)),
        },
      };
    case 'host.changed':
      return { ...state, room: { ...room, hostId: event.hostId } };
    case 'phase.changed':
      return {
        ...state,
        room: event.room,
        code: event.code ?? state.code,
        result: event.phase === 'STRATEGY' ? null : state.result,
        lastJudge: event.phase === 'STRATEGY' ? null : state.lastJudge,
      };
    case 'turn.started':
      return game ? { ...state, room: { ...room, game: { ...game, turn: event.turn } } } : state;
    case 'chat':
      return {
        ...state,
        chat: [
          ...state.chat.slice(-199),
          { userId: event.userId, nickname: event.nickname, text: event.text, at: event.at },
        ],
      };
    case 'reaction':
      return {
        ...state,
        markers: [
          ...state.markers,
          {
            kind: 'reaction',
            userId: event.userId,
            reaction: event.reaction,
            until: event.until,
            key: event.seq,
          },
        ],
      };
    case 'ping':
      return {
        ...state,
        markers: [
          ...state.markers,
          { kind: 'ping', userId: event.userId, pos: event.pos, until: event.until, key: event.seq },
        ],
      };
    case 'judge.started':
      return game ? { ...state, room: { ...room, game: { ...game, judging: event.judging } } } : state;
    case 'judge.test': {
      if (!game?.judging || game.judging.submissionId !== event.submissionId) return state;
      if (game.judging.tests.some((t) => t.testId === event.test.testId)) return state;
      return {
        ...state,
        room: {
          ...room,
          game: { ...game, judging: { ...game.judging, tests: [...game.judging.tests, event.test] } },
        },
      };
    }
    case 'judge.final': {
      const tests = game?.judging?.submissionId === event.submissionId ? game.judging.tests : [];
      return {
        ...state,
        room: game ? { ...room, game: { ...game, judging: null, submissions: game.submissions + 1 } } : room,
        lastJudge: { ...event, tests },
      };
    }
    case 'game.ended':
      return { ...state, result: event.result };
    case 'room.closed':
      return { ...state, closed: true };
    case 'code.op':
      return state;
  }
}
