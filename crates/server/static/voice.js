// Drop-in voice: a WebRTC mesh of up to 8 people, signalled over the live connection.
//
// The mesh rule: the room's voice list is in join order; each participant offers to everyone
// listed before it, and answers the offers of everyone listed after it. So each pair has one
// offerer and there is no glare. Who is speaking is measured locally by an AudioContext
// analyser on each stream; our own "speaking" and "muted" are shared with the room.
//
// For tests: window.hallwayVoice = { peers(): [{connection, state}], inboundAudioBytes() }.

const SPEAKING_LEVEL = 0.02;
const SPEAKING_HOLD_MS = 400;

/// An analyser on a stream; `level()` is its loudness (RMS, 0..1).
function meter(context, stream) {
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const samples = new Uint8Array(analyser.fftSize);
  let loudAt = 0;
  return {
    speaking() {
      analyser.getByteTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += ((s - 128) / 128) ** 2;
      if (Math.sqrt(sum / samples.length) > SPEAKING_LEVEL) loudAt = Date.now();
      return Date.now() - loudAt < SPEAKING_HOLD_MS;
    },
    stop() {
      source.disconnect();
    },
  };
}

export class Voice extends EventTarget {
  constructor(live, room, iceServers) {
    super();
    this.live = live;
    this.room = room;
    this.iceServers = iceServers;
    this.joined = false;
    this.muted = false;
    this.speaking = false;
    this.local = null;
    this.context = null;
    this.localMeter = null;
    /** connection -> {pc, person, meter, audio, candidates: []} */
    this.peers = new Map();
    /** candidates that arrived before their peer connection */
    this.early = new Map();
    this.order = [];
    this.chain = Promise.resolve();
    this.loop = null;
    live.addEventListener("voice_signal", (e) => {
      if (e.detail.room !== this.room) return;
      this.chain = this.chain.then(() => this.signalled(e.detail)).catch((err) => this.problem(err));
    });
    live.addEventListener("welcome", () => {
      // A new socket is a new connection id: the old one left the mesh; join again.
      if (!this.joined) return;
      this.closeAll();
      live.raw({ type: "voice_join", room: this.room });
    });
    live.addEventListener("error", (e) => {
      const code = e.detail.code;
      if (code === "voice_full") {
        this.leave();
        this.problem(new Error("Voice is full here (up to 8 people)."));
      }
    });
    window.hallwayVoice = {
      peers: () => [...this.peers].map(([connection, p]) => ({ connection, state: p.pc.connectionState })),
      inboundAudioBytes: () => this.inboundAudioBytes(),
    };
  }

  problem(error) {
    this.dispatchEvent(new CustomEvent("problem", { detail: error.message || String(error) }));
  }

  changed() {
    this.dispatchEvent(new CustomEvent("change"));
  }

  async join() {
    if (this.joined) return;
    try {
      this.local = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true }, video: false,
      });
    } catch (error) {
      this.problem(new Error(`No microphone: ${error.message}`));
      return;
    }
    this.context = this.context || new AudioContext();
    await this.context.resume().catch(() => {});
    this.localMeter = meter(this.context, this.local);
    this.joined = true;
    this.muted = false;
    this.live.raw({ type: "voice_join", room: this.room });
    this.loop = setInterval(() => this.measure(), 150);
    this.changed();
  }

  leave() {
    if (!this.joined) return;
    this.joined = false;
    clearInterval(this.loop);
    this.live.raw({ type: "voice_leave", room: this.room });
    this.closeAll();
    if (this.localMeter) this.localMeter.stop();
    for (const track of this.local ? this.local.getTracks() : []) track.stop();
    this.local = null;
    this.speaking = false;
    this.changed();
  }

  setMuted(muted) {
    this.muted = muted;
    for (const track of this.local ? this.local.getAudioTracks() : []) track.enabled = !muted;
    this.sendState();
    this.changed();
  }

  sendState() {
    this.live.raw({ type: "voice_state", room: this.room, muted: this.muted, speaking: this.speaking && !this.muted });
  }

  measure() {
    const speaking = Boolean(this.localMeter && this.localMeter.speaking()) && !this.muted;
    let changed = speaking !== this.speaking;
    this.speaking = speaking;
    if (changed) this.sendState();
    for (const peer of this.peers.values()) {
      const now = Boolean(peer.meter && peer.meter.speaking());
      if (now !== peer.speaking) {
        peer.speaking = now;
        changed = true;
      }
    }
    if (changed) this.changed();
  }

  /// Whether `connection` is speaking, as far as this page can tell.
  isSpeaking(occupant) {
    if (occupant.connection === this.live.connection) return this.speaking;
    const peer = this.peers.get(occupant.connection);
    return peer ? Boolean(peer.speaking) : Boolean(occupant.speaking);
  }

  /// The room's voice list changed: offer to those before us, drop those who left.
  roomState(voice) {
    this.order = voice;
    if (this.joined) {
      const present = new Set(voice.map((o) => o.connection));
      for (const connection of [...this.peers.keys()]) {
        if (!present.has(connection)) this.close(connection);
      }
      const mine = voice.findIndex((o) => o.connection === this.live.connection);
      for (const occupant of mine > 0 ? voice.slice(0, mine) : []) {
        if (!this.peers.has(occupant.connection)) {
          this.chain = this.chain.then(() => this.offer(occupant)).catch((err) => this.problem(err));
        }
      }
    }
    this.changed();
  }

  peer(connection, person) {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    const peer = { pc, person, meter: null, audio: null, speaking: false, candidates: [] };
    this.peers.set(connection, peer);
    for (const track of this.local.getTracks()) pc.addTrack(track, this.local);
    pc.addEventListener("icecandidate", (e) => {
      if (e.candidate) this.signal(connection, { candidate: e.candidate.toJSON() });
    });
    pc.addEventListener("track", (e) => {
      const stream = e.streams[0] || new MediaStream([e.track]);
      if (!peer.audio) {
        // Chromium only plays (and analyses) a remote stream that is attached to an element.
        peer.audio = new Audio();
        peer.audio.autoplay = true;
        document.body.append(peer.audio);
      }
      peer.audio.srcObject = stream;
      peer.audio.play().catch(() => {});
      if (peer.meter) peer.meter.stop();
      peer.meter = meter(this.context, stream);
    });
    pc.addEventListener("connectionstatechange", () => {
      if (pc.connectionState === "failed" && this.peers.get(connection) === peer) {
        this.close(connection);
        // The offerer of this pair tries again; the other side waits for its offer.
        const occupant = this.order.find((o) => o.connection === connection);
        const mine = this.order.findIndex((o) => o.connection === this.live.connection);
        const theirs = this.order.indexOf(occupant);
        if (occupant && this.joined && theirs >= 0 && theirs < mine) {
          this.chain = this.chain.then(() => this.offer(occupant)).catch((err) => this.problem(err));
        }
      }
      this.changed();
    });
    for (const candidate of this.early.get(connection) || []) peer.candidates.push(candidate);
    this.early.delete(connection);
    return peer;
  }

  signal(to, signal) {
    this.live.raw({ type: "voice_signal", room: this.room, to, signal });
  }

  async offer(occupant) {
    if (!this.joined || this.peers.has(occupant.connection)) return;
    const peer = this.peer(occupant.connection, occupant.person);
    await peer.pc.setLocalDescription(await peer.pc.createOffer());
    this.signal(occupant.connection, { sdp: peer.pc.localDescription.toJSON() });
  }

  async signalled({ from, person, signal }) {
    if (!this.joined) return;
    if (signal.sdp && signal.sdp.type === "offer") {
      let peer = this.peers.get(from);
      if (peer && peer.pc.signalingState !== "stable") {
        this.close(from);
        peer = null;
      }
      peer = peer || this.peer(from, person);
      await peer.pc.setRemoteDescription(signal.sdp);
      await this.flush(peer);
      await peer.pc.setLocalDescription(await peer.pc.createAnswer());
      this.signal(from, { sdp: peer.pc.localDescription.toJSON() });
    } else if (signal.sdp && signal.sdp.type === "answer") {
      const peer = this.peers.get(from);
      if (!peer || peer.pc.signalingState !== "have-local-offer") return;
      await peer.pc.setRemoteDescription(signal.sdp);
      await this.flush(peer);
    } else if (signal.candidate) {
      const peer = this.peers.get(from);
      if (!peer) {
        this.early.set(from, [...(this.early.get(from) || []), signal.candidate]);
      } else if (!peer.pc.remoteDescription) {
        peer.candidates.push(signal.candidate);
      } else {
        await peer.pc.addIceCandidate(signal.candidate).catch(() => {});
      }
    }
  }

  async flush(peer) {
    const waiting = peer.candidates.splice(0);
    for (const candidate of waiting) await peer.pc.addIceCandidate(candidate).catch(() => {});
  }

  close(connection) {
    const peer = this.peers.get(connection);
    if (!peer) return;
    this.peers.delete(connection);
    peer.pc.close();
    if (peer.meter) peer.meter.stop();
    if (peer.audio) {
      peer.audio.srcObject = null;
      peer.audio.remove();
    }
    this.changed();
  }

  closeAll() {
    for (const connection of [...this.peers.keys()]) this.close(connection);
    this.early.clear();
  }

  async inboundAudioBytes() {
    let total = 0;
    for (const peer of this.peers.values()) {
      const stats = await peer.pc.getStats();
      stats.forEach((report) => {
        if (report.type === "inbound-rtp" && (report.kind || report.mediaType) === "audio") {
          total += report.bytesReceived || 0;
        }
      });
    }
    return total;
  }
}
