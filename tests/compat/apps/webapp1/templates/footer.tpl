<footer>picoweb app</footer>
