{% args rows %}<table>
{% for r in rows %}<tr><td>{{ r[0] }}</td><td>{{ r[1] }}</td></tr>
{% endfor %}</table>
