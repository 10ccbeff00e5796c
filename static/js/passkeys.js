/* Passkeys (WebAuthn): adding one on the two-factor page, and logging in with one (the log-in
   page's password-less button and the second step's "Use a passkey"). The server sends the
   options as JSON with base64url byte strings; the browser's answer goes back the same way. */
"use strict";

(function () {
  if (!window.PublicKeyCredential || !navigator.credentials) {
    document.querySelectorAll("[data-passkey-status]").forEach((el) => {
      el.textContent = "This browser cannot use passkeys.";
    });
    return;
  }

  function toBytes(base64url) {
    const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "===".slice((base64.length + 3) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)).buffer;
  }

  function toBase64url(buffer) {
    const bytes = new Uint8Array(buffer);
    let text = "";
    bytes.forEach((b) => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function csrfToken(form) {
    const input = form.querySelector("[name=csrfmiddlewaretoken]") ||
      document.querySelector("[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  async function post(url, form, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(form) },
      body: JSON.stringify(body || {}),
    });
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (!response.ok) throw new Error(data.error || "Something went wrong; please try again.");
    return data;
  }

  function credentialJSON(credential) {
    const r = credential.response;
    const response = { clientDataJSON: toBase64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toBase64url(r.attestationObject);
      if (r.getTransports) response.transports = r.getTransports();
    } else {
      response.authenticatorData = toBase64url(r.authenticatorData);
      response.signature = toBase64url(r.signature);
      if (r.userHandle) response.userHandle = toBase64url(r.userHandle);
    }
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response: response,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
    };
  }

  async function register(form) {
    const options = await post(form.dataset.optionsUrl, form);
    options.challenge = toBytes(options.challenge);
    options.user.id = toBytes(options.user.id);
    (options.excludeCredentials || []).forEach((c) => { c.id = toBytes(c.id); });
    const credential = await navigator.credentials.create({ publicKey: options });
    const name = form.querySelector("[name=name]").value;
    return post(form.dataset.verifyUrl, form, { name: name, credential: credentialJSON(credential) });
  }

  async function authenticate(form) {
    const options = await post(form.dataset.optionsUrl, form);
    options.challenge = toBytes(options.challenge);
    (options.allowCredentials || []).forEach((c) => { c.id = toBytes(c.id); });
    const credential = await navigator.credentials.get({ publicKey: options });
    return post(form.dataset.verifyUrl, form, { credential: credentialJSON(credential), next: form.dataset.next || "" });
  }

  function wire(form, action) {
    const status = form.querySelector("[data-passkey-status]");
    form.hidden = false;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (form.hasAttribute("data-passkey-register")) {
        const name = form.querySelector("[name=name]");
        if (!name.value.trim()) {
          status.textContent = "Give the passkey a name first.";
          name.focus();
          return;
        }
      }
      status.textContent = "Waiting for your passkey…";
      try {
        const data = await action(form);
        window.location.assign(data.redirect);
      } catch (error) {
        status.textContent = error.name === "NotAllowedError"
          ? "Cancelled, or no passkey for this site was found."
          : error.message;
      }
    });
  }

  document.querySelectorAll("form[data-passkey-register]").forEach((f) => wire(f, register));
  document.querySelectorAll("form[data-passkey-login]").forEach((f) => wire(f, authenticate));
})();
