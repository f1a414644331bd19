// mfr web page: plain JavaScript, no build step. Talks to the REST API with the key typed above.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const state = { key: localStorage.getItem('mfr.key') || '', admin: false, stream: null };

  function status(text, kind) {
    const s = $('status');
    s.textContent = text;
    s.className = kind || '';
  }

  async function api(method, path, body, contentType) {
    const headers = { 'Authorization': 'Bearer ' + state.key };
    if (contentType) headers['Content-Type'] = contentType;
    const res = await fetch(path, { method, headers, body });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { /* not JSON */ }
    if (!res.ok) {
      const msg = json && json.message ? json.code + ': ' + json.message : 'HTTP ' + res.status;
      throw new Error(msg);
    }
    return json;
  }

  function collection() { return $('collection').value; }
  function enc(s) { return encodeURIComponent(s); }

  async function loadCollections(select) {
    const data = await api('GET', '/api/v1/collections');
    const sel = $('collection');
    sel.innerHTML = '';
    for (const c of data.collections) {
      const o = document.createElement('option');
      o.value = c.name;
      o.textContent = c.name + ' (' + c.faces + ' faces)';
      sel.appendChild(o);
    }
    if (select) sel.value = select;
    await loadSubjects();
  }

  async function loadSubjects() {
    const body = $('subjects').querySelector('tbody');
    body.innerHTML = '';
    if (!collection()) return;
    const data = await api('GET', '/api/v1/collections/' + enc(collection()) + '/subjects');
    for (const s of data.subjects) {
      const tr = document.createElement('tr');
      tr.innerHTML = '<td></td><td></td>';
      tr.children[0].textContent = s.name;
      tr.children[1].textContent = s.faces;
      body.appendChild(tr);
    }
  }

  async function useKey() {
    state.key = $('key').value.trim();
    localStorage.setItem('mfr.key', state.key);
    try {
      // only the admin may read the audit log: that tells which kind of key this is
      const res = await fetch('/api/v1/audit?limit=1', { headers: { 'Authorization': 'Bearer ' + state.key } });
      state.admin = res.ok;
      $('admin-tools').style.display = state.admin ? 'block' : 'none';
      await loadCollections();
      $('who').textContent = state.admin ? 'admin key' : 'collection key';
      status('Key accepted.', 'ok');
    } catch (e) {
      status(e.message, 'error');
    }
  }

  async function createCollection() {
    const name = $('new-collection').value.trim();
    try {
      const c = await api('POST', '/api/v1/collections', JSON.stringify({ name }), 'application/json');
      await loadCollections(name);
      status('Created collection ' + name + '. Its key (shown once): ' + c.key.secret, 'ok');
    } catch (e) { status(e.message, 'error'); }
  }

  function fileOf(id) {
    const f = $(id).files[0];
    if (!f) throw new Error('choose a photo first');
    return f;
  }

  async function drawBlob(blob) {
    const img = await createImageBitmap(blob);
    const c = $('picture');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    return g;
  }

  function drawFace(g, face, label, known) {
    const b = face.box;
    const w = Math.max(2, Math.round(g.canvas.width / 250));
    g.lineWidth = w;
    g.strokeStyle = known ? '#1fbf5a' : '#ff4d4d';
    g.strokeRect(b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1);
    const size = Math.max(12, Math.round(g.canvas.width / 40));
    g.font = 'bold ' + size + 'px system-ui, sans-serif';
    const tw = g.measureText(label).width + 8;
    const y = Math.max(0, b.y1 - size - 6);
    g.fillStyle = known ? '#1fbf5a' : '#ff4d4d';
    g.fillRect(b.x1 - w / 2, y, tw, size + 6);
    g.fillStyle = '#fff';
    g.fillText(label, b.x1 + 4, y + size);
  }

  async function enroll(blob) {
    const subject = $('subject').value.trim();
    if (!subject) throw new Error('type the subject name first');
    const form = new FormData();
    form.append('image', blob, 'photo.jpg');
    const r = await api('POST', '/api/v1/collections/' + enc(collection()) + '/subjects/' + enc(subject) + '/faces', form);
    const g = await drawBlob(blob);
    drawFace(g, r.face, subject, true);
    $('decisions').querySelector('tbody').innerHTML = '';
    status('Enrolled face ' + r.id + ' for ' + subject + ' (' + r.facesInImage + ' face(s) in the photo, the largest used).', 'ok');
    await loadCollections(collection());
  }

  async function identify(blob) {
    const form = new FormData();
    form.append('image', blob, 'photo.jpg');
    const op = $('operating-point').value;
    const r = await api('POST', '/api/v1/collections/' + enc(collection()) + '/identify?k=3&operatingPoint=' + enc(op), form);
    const g = await drawBlob(blob);
    const body = $('decisions').querySelector('tbody');
    body.innerHTML = '';
    r.faces.forEach((f, i) => {
      const known = f.decision !== 'unknown';
      const best = f.candidates[0];
      drawFace(g, f, (i + 1) + ' ' + f.decision + (best ? ' ' + best.similarity.toFixed(2) : ''), known);
      const tr = document.createElement('tr');
      tr.innerHTML = '<td></td><td></td><td></td>';
      tr.children[0].textContent = i + 1;
      tr.children[1].textContent = f.decision;
      tr.children[1].className = known ? 'decision-known' : 'decision-unknown';
      tr.children[2].textContent = f.candidates.map(c => c.subject + ' (' + c.similarity.toFixed(3) + ')').join(', ') || '(empty collection)';
      if (f.masked) {
        tr.children[1].title = 'masked probe: decided at threshold ' + f.operatingPoint.threshold + ' ('
          + f.operatingPoint.set + ' ' + f.operatingPoint.name + ')' + (f.operatingPoint.note ? '; ' + f.operatingPoint.note : '');
      }
      body.appendChild(tr);
    });
    status(r.faces.length + ' face(s); threshold ' + r.operatingPoint.threshold + ' at ' + r.operatingPoint.name
      + '; searched ' + r.searched.faces + ' enrolled faces (' + r.searched.index + ').', 'ok');
  }

  async function startWebcam() {
    try {
      state.stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
      const v = $('video');
      v.srcObject = state.stream;
      v.style.display = 'block';
      await v.play();
      status('Webcam on.', 'ok');
    } catch (e) { status('webcam: ' + e.message, 'error'); }
  }

  function snapshot() {
    const v = $('video');
    if (!state.stream || !v.videoWidth) return Promise.reject(new Error('start the webcam first'));
    const c = document.createElement('canvas');
    c.width = v.videoWidth; c.height = v.videoHeight;
    c.getContext('2d').drawImage(v, 0, 0);
    return new Promise((ok) => c.toBlob(ok, 'image/jpeg', 0.92));
  }

  function guard(fn) {
    return async () => {
      status('Working…');
      try { await fn(); } catch (e) { status(e.message, 'error'); }
    };
  }

  $('key').value = state.key;
  $('use-key').addEventListener('click', useKey);
  $('create-collection').addEventListener('click', createCollection);
  $('collection').addEventListener('change', guard(loadSubjects));
  $('enroll').addEventListener('click', guard(() => enroll(fileOf('enroll-file'))));
  $('identify').addEventListener('click', guard(() => identify(fileOf('identify-file'))));
  $('webcam').addEventListener('click', startWebcam);
  $('snap-enroll').addEventListener('click', guard(async () => enroll(await snapshot())));
  $('snap-identify').addEventListener('click', guard(async () => identify(await snapshot())));
  if (state.key) useKey();
})();
