{% args rows %}<ul>{% for r in rows %}<li>{{ r }}</li>{% endfor %}</ul>
