{% args title, rows %}<h1>{{ title }}</h1>
{% include "row_list.tpl" rows %}
