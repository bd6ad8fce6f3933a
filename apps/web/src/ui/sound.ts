/**
 * Short tones made with Web Audio (no sound files to load): a tick for each second of a countdown,
 * a higher one when it reaches zero. Callers check the user's sound preference.
 */
let context: AudioContext | null = null;

export function beep(kind: 'tick' | 'go'): void {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  // Browsers start a context suspended until a user gesture; a tone before that is simply not heard.
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  const start = context.currentTime;
  const length = kind === 'go' ? 0.35 : 0.12;
  oscillator.frequency.value = kind === 'go' ? 880 : 440;
  gain.gain.setValueAtTime(0.12, start);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(start);
  oscillator.stop(start + length);
}
