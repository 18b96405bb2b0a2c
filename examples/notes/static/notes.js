// Progressive enhancement: without this file the forms post and redirect.
// With it, adding and archiving go through fetch and the list updates in place.
// Notes are built with textContent only, so their text is never parsed as HTML.
(function () {
  "use strict";
  var form = document.getElementById("new-note");
  var list = document.getElementById("notes");
  var message = document.getElementById("message");
  var box = document.getElementById("content");

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: {"Accept": "application/json",
                "Content-Type": "application/x-www-form-urlencoded"},
      body: body
    }).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) { throw new Error(data.error || ("HTTP " + r.status)); }
        return data;
      }, function () { throw new Error("HTTP " + r.status); });
    });
  }

  function noteItem(note) {
    var li = document.createElement("li");
    li.className = "note";
    li.id = "note-" + note.id;
    var p = document.createElement("p");
    p.className = "content";
    p.textContent = note.content;
    var f = document.createElement("form");
    f.className = "archive";
    f.method = "post";
    f.action = "/notes/" + note.id + "/archive";
    // With login on, every form carries the session's CSRF field: copy it.
    var token = form.querySelector("input[name=csrf_token]");
    if (token) { f.appendChild(token.cloneNode(false)); }
    var b = document.createElement("button");
    b.type = "submit";
    b.textContent = "Archive";
    f.appendChild(b);
    li.appendChild(p);
    li.appendChild(f);
    return li;
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    message.textContent = "";
    post("/", new URLSearchParams(new FormData(form))).then(function (note) {
      list.insertBefore(noteItem(note), list.firstChild);
      box.value = "";
    }, function (err) { message.textContent = err.message; });
  });

  list.addEventListener("submit", function (ev) {
    var f = ev.target;
    if (!f.classList.contains("archive")) { return; }
    ev.preventDefault();
    post(f.getAttribute("action"), new URLSearchParams(new FormData(f))).then(function () {
      var li = f.parentNode;
      li.parentNode.removeChild(li);
    }, function (err) { message.textContent = err.message; });
  });
}());
