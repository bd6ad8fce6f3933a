import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../auth/auth.js';
import { RelaySocket, type SocketStatus } from './socket.js';

const SocketContext = createContext<RelaySocket | null>(null);

/** One relay socket for the signed-in pages that need it (lobby, rooms). */
export function RelayProvider({ children }: { children: ReactNode }) {
  const [socket] = useState(() => new RelaySocket(api));
  useEffect(() => {
    socket.start();
    return () => socket.stop();
  }, [socket]);
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

export function useRelay(): RelaySocket {
  const socket = useContext(SocketContext);
  if (!socket) throw new Error('useRelay outside RelayProvider');
  return socket;
}

export function useSocketStatus(socket: RelaySocket): SocketStatus {
  const [status, setStatus] = useState(socket.status);
  useEffect(() => socket.onStatus(setStatus), [socket]);
  return status;
}
