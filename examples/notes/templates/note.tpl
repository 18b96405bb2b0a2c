{% args note %}<li class="note" id="note-{{ note["id"] }}"><p class="content">{{ note["content"] }}</p>
<form class="archive" method="post" action="/notes/{{ note["id"] }}/archive"><button type="submit">Archive</button></form></li>
