window.QD_SEARCH=[{"t":"a","u":"a.html","k":"page","s":""},{"t":"sub","u":"sub/","k":"page","s":""},{"t":"gone","u":"gone/","k":"page","s":""}];
