{% args title, items %}
<h1>{{ title }}</h1>
<ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>
