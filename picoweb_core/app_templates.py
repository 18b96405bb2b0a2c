"""Templates for WebApp.render_template / render_str: the engine is a plugin
that sets `app.template_loader` (plugins/templates), loaded here by name for
picoweb 1.x apps that render without installing one. Functions of a WebApp
(`self`), compiled on the first render."""


def load_template(self, name):
    if self.template_loader is None:
        # picoweb 1.x apps render without installing an engine, so the engine
        # named by the app's `template_engine` is loaded on first use (as
        # picoweb loaded utemplate): templates from the package's templates/
        # folder, unescaped like utemplate. The core itself depends on no
        # plugin: without one, rendering is the only thing that fails.
        try:
            engine = __import__(self.template_engine)
        except ImportError:
            raise RuntimeError("no template engine: install %s (plugins/templates) or "
                               "app.install() one" % self.template_engine)
        pkg = self.pkg if self.pkg != "__main__" else None
        self.install(engine.Templates("templates", pkg=pkg, autoescape=False))
    return self.template_loader.load(name)


async def render_template(self, writer, name, args=()):
    from .response_helpers import awrite
    for chunk in load_template(self, name)(*args):
        await awrite(writer, chunk)


def render_str(self, name, args=()):
    return "".join(load_template(self, name)(*args))
