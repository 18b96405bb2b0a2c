{% args notes, message, draft, csrf, user %}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Notes</title>
<link rel="stylesheet" href="/static/notes.css">
</head>
<body>
<main>
<h1>Notes</h1>
{% if user %}<form class="logout" method="post" action="/logout">{{ csrf|safe }}<span>{{ user }}</span> <button type="submit">Log out</button></form>
{% endif %}<form id="new-note" method="post" action="/">{{ csrf|safe }}
<label for="content">New note</label>
<textarea id="content" name="content" rows="3" maxlength="2000" required>{{ draft }}</textarea>
<p id="message" class="message" role="alert">{{ message }}</p>
<button type="submit">Add note</button>
</form>
<ul id="notes">
{% for note in notes %}{% include "note.tpl" note, csrf %}{% endfor %}
</ul>
</main>
<script src="/static/notes.js"></script>
</body>
</html>
