{% args note, csrf %}<li class="note" id="note-{{ note["id"] }}"><p class="content">{{ note["content"] }}</p>
<form class="archive" method="post" action="/notes/{{ note["id"] }}/archive">{{ csrf|safe }}<button type="submit">Archive</button></form></li>
