{% args req, title %}
<h1>{{ title }}</h1>
<table>
{% for i in range(1, 6) %}
<tr><td>{{ i }}</td><td>{{ i * i }}</td></tr>
{% endfor %}
</table>
<p>You asked for {{ req.path }}?{{ req.qs }}</p>
{% include "footer.tpl" %}
