// Noticeboards, live: the board page, the post page and the list of boards join their boards' groups on the
// one hub connection (ppsLive) and show new posts, replies, edits and hides without a reload. The pages work
// without this script; it only adds the live part. Text from the server is set with textContent; post bodies
// arrive as HTML that the server already sanitised (the same HTML the page itself renders).
(function () {
  "use strict";
  if (!window.ppsLive) {
    return;
  }

  var boardPage = document.querySelector("[data-board-page]");
  var postPage = document.querySelector("[data-post-page]");
  var boardsIndex = document.querySelector("[data-boards-index]");
  var status = document.getElementById("board-live-status");
  var context = boardPage || postPage || boardsIndex;
  if (!context) {
    return;
  }

  var memberId = context.dataset.memberId;
  var joined = [];
  if (boardPage || postPage) {
    joined.push((boardPage || postPage).dataset.boardId);
  } else {
    boardsIndex.querySelectorAll("[data-board-id]").forEach(function (li) { joined.push(li.dataset.boardId); });
  }

  // Groups are per connection: join again after every reconnect, then fetch what was missed while away
  // (board messages carry no sequence; the page simply asks for the current state and adds what it lacks).
  var connectedBefore = false;
  ppsLive.onConnected(function () {
    var reconnect = connectedBefore;
    connectedBefore = true;
    Promise.all(joined.map(function (id) {
      return ppsLive.invoke("JoinBoard", id).catch(function (e) { console.warn("JoinBoard refused", e); });
    })).then(function () {
      context.dataset.boardJoined = "true";
      if (reconnect) { catchUp(); }
    });
  });

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; });
  }

  function catchUp() {
    if (boardPage) {
      getJson("/api/boards/" + boardPage.dataset.boardId + "/posts?pageSize=20").then(function (page) {
        if (!page) { return; }
        page.items.slice().reverse().forEach(function (p) {
          if (!p.hidden) {
            showPost({ boardId: p.boardId, postId: p.id, title: p.title, bodyHtml: p.bodyHtml, authorName: p.authorName, authorId: p.mine ? memberId : "", createdAt: p.createdAt });
          }
        });
      });
    } else if (postPage) {
      getJson("/api/posts/" + postPage.dataset.postId).then(function (post) {
        if (!post) { return; }
        post.replies.forEach(function (r) {
          showReply({ postId: post.id, replyId: r.id, authorName: r.authorName, bodyHtml: r.bodyHtml, createdAt: r.createdAt });
        });
      });
    } else if (boardsIndex) {
      getJson("/api/boards").then(function (boards) {
        (boards || []).forEach(function (b) { setUnread(b.id, b.unread); });
      });
    }
  }

  function setUnread(boardId, count) {
    var item = boardsIndex.querySelector('[data-board-id="' + boardId + '"] [data-unread]');
    if (item) {
      item.dataset.unread = String(count);
      item.querySelector(".unread-count").textContent = String(count);
      item.hidden = count === 0;
    }
  }

  function announce(text) {
    if (status) { status.textContent = text; }
  }

  function format(template, value) {
    return (template || "{0}").replace("{0}", value);
  }

  function markRead(boardId) {
    fetch("/api/boards/" + boardId + "/read", { method: "POST", credentials: "same-origin" }).catch(function () { /* next visit marks it */ });
  }

  function renderPost(p) {
    var article = document.createElement("article");
    article.className = "post post--new";
    article.dataset.postId = p.postId;
    var h3 = document.createElement("h3");
    h3.className = "post__title";
    var a = document.createElement("a");
    a.href = "/Boards/Posts/" + p.postId;
    a.textContent = p.title;
    h3.appendChild(a);
    var meta = document.createElement("p");
    meta.className = "post__meta hint";
    var time = document.createElement("time");
    time.dateTime = p.createdAt;
    time.textContent = new Date(p.createdAt).toLocaleString(document.documentElement.lang);
    meta.textContent = p.authorName + " · ";
    meta.appendChild(time);
    var body = document.createElement("div");
    body.className = "post__body";
    body.innerHTML = p.bodyHtml;
    article.appendChild(h3);
    article.appendChild(meta);
    article.appendChild(body);
    return article;
  }

  var newCount = 0;
  var seen = {};
  var params = new URLSearchParams(location.search);
  // A filtered or later page is not where a new post belongs: there it only raises the counter.
  var firstUnfilteredPage = !params.get("tag") && (!params.get("p") || params.get("p") === "1");
  function showPost(p) {
    var list = document.getElementById("posts");
    if (seen[p.postId] || list.querySelector('[data-post-id="' + p.postId + '"]')) { return false; }
    seen[p.postId] = true;
    if (firstUnfilteredPage) {
      var empty = list.querySelector("[data-empty]");
      if (empty) { empty.remove(); }
      list.insertBefore(renderPost(p), list.querySelector(".post:not(.post--pinned)"));
    }
    if (p.authorId !== memberId) {
      newCount++;
      var badge = document.querySelector("[data-new-count]");
      badge.querySelector(".new-count").textContent = String(newCount);
      badge.hidden = false;
    }
    announce(format(boardPage.dataset.textNewPost, p.title));
    markRead(p.boardId);
    return true;
  }

  function showReply(r) {
    var list = document.getElementById("replies");
    if (list.querySelector('[data-reply-id="' + r.replyId + '"]')) { return; }
    var li = document.createElement("li");
    li.className = "reply";
    li.dataset.replyId = r.replyId;
    var meta = document.createElement("p");
    meta.className = "hint";
    meta.textContent = r.authorName + " · " + new Date(r.createdAt).toLocaleString(document.documentElement.lang);
    var body = document.createElement("div");
    body.innerHTML = r.bodyHtml;
    li.appendChild(meta);
    li.appendChild(body);
    list.appendChild(li);
  }

  ppsLive.on("PostPublished", function (p) {
    if (boardPage && p.boardId === boardPage.dataset.boardId) {
      showPost(p);
    } else if (boardsIndex && p.authorId !== memberId) {
      var item = boardsIndex.querySelector('[data-board-id="' + p.boardId + '"] [data-unread]');
      if (item) { setUnread(p.boardId, parseInt(item.dataset.unread || "0", 10) + 1); }
    }
  });

  ppsLive.on("ReplyPublished", function (r) {
    if (postPage && r.postId === postPage.dataset.postId) { showReply(r); }
  });

  ppsLive.on("PostEdited", function (e) {
    var scope = postPage && e.postId === postPage.dataset.postId
      ? document.querySelector(".post--full")
      : document.querySelector('#posts [data-post-id="' + e.postId + '"]');
    if (!scope) { return; }
    var title = scope.querySelector(".post__title a") || scope.querySelector(".post__title");
    if (title) { title.textContent = e.title; }
    var body = scope.querySelector(".post__body");
    if (body) { body.innerHTML = e.bodyHtml; }
    var meta = scope.querySelector(".post__meta");
    if (meta && !meta.querySelector("[data-edited]")) {
      var span = document.createElement("span");
      span.dataset.edited = "";
      span.textContent = " · " + (context.dataset.textEdited || "");
      meta.appendChild(span);
    }
  });

  ppsLive.on("PostHidden", function (h) {
    if (boardPage) {
      var article = document.querySelector('#posts [data-post-id="' + h.postId + '"]');
      if (article) {
        article.remove();
        announce(boardPage.dataset.textHidden);
      }
    } else if (postPage && h.postId === postPage.dataset.postId) {
      // The author and moderators still see it after a reload, with the reason; say so now.
      var notice = document.createElement("p");
      notice.className = "alert alert--warning";
      notice.textContent = postPage.dataset.textHidden;
      document.querySelector(".post--full").prepend(notice);
    }
  });
})();
