"""The learning loop under /leren/."""

app_name = "learning"

urlpatterns: list = []
