// Maps with Leaflet (from npm, copied to static/vendor). Every page works without them.
(function () {
  "use strict";
  if (!window.L) { return; }

  function tiles(el) {
    // No tile URL configured (e.g. an offline test machine): the map still works, without a background.
    if (!el.dataset.tiles) { return { addTo: function () {} }; }
    return L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 18 });
  }
  function numbers(text) { return text.split(",").map(Number); }

  // /map: clustered pins of open issues.
  var big = document.getElementById("issues-map");
  if (big) {
    big.hidden = false;
    var center = numbers(big.dataset.center);
    var map = L.map(big, { maxZoom: 18 }).setView(center, 13);
    tiles(big).addTo(map);
    fetch(big.dataset.points, { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var group = L.markerClusterGroup ? L.markerClusterGroup() : L.layerGroup();
        data.features.forEach(function (f) {
          var p = f.properties;
          var link = document.createElement("a");
          link.href = p.url;
          link.textContent = p.title;
          var box = document.createElement("div");
          box.appendChild(link);
          var meta = document.createElement("div");
          meta.textContent = p.status + "・共感 " + p.votes;
          box.appendChild(meta);
          L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]], { title: p.title, alt: p.title })
            .bindPopup(box).addTo(group);
        });
        group.addTo(map);
      });
  }

  // Issue page: a small map with the pin.
  var mini = document.getElementById("issue-map");
  if (mini) {
    mini.hidden = false;
    var at = [Number(mini.dataset.lat), Number(mini.dataset.lng)];
    var m = L.map(mini, { scrollWheelZoom: false, maxZoom: 18 }).setView(at, 16);
    tiles(mini).addTo(m);
    L.marker(at).addTo(m);
  }

  // Posting form: click to place the pin into the lat/lng fields; refuse outside Hiratsuka.
  var picker = document.querySelector("[data-pin-map]");
  if (picker) {
    var lat = document.getElementById("lat");
    var lng = document.getElementById("lng");
    var clear = document.querySelector("[data-clear-pin]");
    var bounds = numbers(picker.dataset.bounds);  // south, west, north, east
    picker.hidden = false;
    var pm = L.map(picker, { maxZoom: 18 }).setView(numbers(picker.dataset.center), 13);
    tiles(picker).addTo(pm);
    pm.setMaxBounds([[bounds[0] - 0.05, bounds[1] - 0.05], [bounds[2] + 0.05, bounds[3] + 0.05]]);
    var marker = null;
    function place(latlng) {
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(pm); }
      lat.value = latlng.lat.toFixed(6);
      lng.value = latlng.lng.toFixed(6);
      clear.hidden = false;
    }
    if (lat.value && lng.value) { place(L.latLng(Number(lat.value), Number(lng.value))); pm.setView(marker.getLatLng(), 16); }
    pm.on("click", function (e) {
      var inside = e.latlng.lat >= bounds[0] && e.latlng.lat <= bounds[2] && e.latlng.lng >= bounds[1] && e.latlng.lng <= bounds[3];
      var message = document.querySelector("[data-pin-error]");
      message.hidden = inside;
      if (!inside) { return; }
      place(e.latlng);
    });
    clear.addEventListener("click", function () {
      if (marker) { pm.removeLayer(marker); marker = null; }
      lat.value = ""; lng.value = ""; clear.hidden = true;
    });
  }
})();
