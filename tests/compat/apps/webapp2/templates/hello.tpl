{% args form %}
{% if "name" in form %}
Hello {{ form["name"] }}!
{% else %}
Who are you?
{% endif %}
