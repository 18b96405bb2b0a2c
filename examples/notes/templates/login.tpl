{% args message, csrf %}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Log in: Notes</title>
<link rel="stylesheet" href="/static/notes.css">
</head>
<body>
<main>
<h1>Notes</h1>
<form id="login" method="post">{{ csrf|safe }}
<label for="user">Name</label>
<input id="user" name="user" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<p class="message" role="alert">{{ message }}</p>
<button type="submit">Log in</button>
</form>
</main>
</body>
</html>
